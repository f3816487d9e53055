using System.CommandLine;
using System.Globalization;
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
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{path}: {info.Format}, {info.Channels} channel{(info.Channels == 1 ? "" : "s")}, {info.SampleRateHz} Hz, {info.DurationSeconds:0.000} s, peak {info.PeakAmplitude:0.0000} ({FormatDbfs(info.PeakDbfs)})"));
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

    private static string FormatDbfs(double dbfs) =>
        double.IsNegativeInfinity(dbfs) ? "silent" : string.Create(CultureInfo.InvariantCulture, $"{dbfs:0.0} dBFS");
}
