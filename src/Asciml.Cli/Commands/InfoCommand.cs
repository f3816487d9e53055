using System.CommandLine;
using Asciml.Core;
using Asciml.Core.Audio;

namespace Asciml.Cli.Commands;

/// <summary>`asciml info FILE...`: format, channels, rate, duration and peak of each file.</summary>
public static class InfoCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var files = new Argument<string[]>("FILE") { Description = "Audio files (WAV; mp3/flac/ogg/m4a/aiff with ffmpeg)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("info", "Show format, channels, sample rate, duration and peak of each file") { files };
        command.SetAction(parseResult =>
        {
            int exitCode = ExitCodes.Success;
            foreach (string path in parseResult.GetValue(files)!)
            {
                try
                {
                    DecodedAudio decoded = AudioFileReader.Read(path);
                    AudioFileInfo info = decoded.Info;
                    Console.WriteLine($"{path}: {info.Describe()}");
                    foreach (string warning in decoded.Warnings)
                    {
                        Console.Error.WriteLine($"asciml: warning: {warning}");
                    }
                }
                catch (AscimlException error)
                {
                    Console.Error.WriteLine($"asciml: {error.Message}");
                    exitCode = ExitCodes.BadInput;
                }
            }

            return exitCode;
        });
        _ = globals;
        return command;
    }
}
