using System.CommandLine;
using Asciml.Core;
using Asciml.Core.Audio;

namespace Asciml.Cli.Commands;

/// <summary>`asciml convert FILE... --out DIR [--normalize]`: writes each file's model input (mono, 16 kHz, 16000 samples).</summary>
public static class ConvertCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var files = new Argument<string[]>("FILE") { Description = "Audio files to convert", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for DIR/<input name>.wav", Required = true };
        var normalize = new Option<bool>("--normalize") { Description = "Scale each clip's peak to -1 dBFS (default: gain unchanged)" };
        var floatFormat = new Option<bool>("--float") { Description = "Write 32-bit float WAV instead of 16-bit PCM" };
        var command = new Command("convert", "Write the model input of each file: mono, 16 kHz, exactly one second") { files, output, normalize, floatFormat };
        command.SetAction(parseResult =>
        {
            string folder = parseResult.GetValue(output)!;
            Directory.CreateDirectory(folder);
            WavSampleFormat format = parseResult.GetValue(floatFormat) ? WavSampleFormat.Float32 : WavSampleFormat.Pcm16;
            bool scale = parseResult.GetValue(normalize);
            string[] inputs = parseResult.GetValue(files)!;
            int exitCode = ExitCodes.Success;
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (string path in inputs)
            {
                try
                {
                    string name = Path.GetFileNameWithoutExtension(path);
                    if (!written.Add(name))
                    {
                        throw new AscimlException($"{path}: another input already wrote {name}.wav; rename one of them");
                    }

                    MonoAudio clip = ModelInput.FromAudio(AudioFileReader.Read(path).Audio, scale);
                    if (format == WavSampleFormat.Pcm16 && clip.Samples.Any(s => MathF.Abs(s) > 1f))
                    {
                        Console.Error.WriteLine($"asciml: warning: {path} peaks above full scale; 16-bit output clips it (use --float or --normalize)");
                    }

                    WavWriter.Write(Path.Combine(folder, name + ".wav"), clip, format);
                }
                catch (AscimlException error)
                {
                    Console.Error.WriteLine($"asciml: {error.Message.ReplaceLineEndings(" ")}");
                    exitCode = ExitCodes.BadInput;
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or OverflowException)
                {
                    // One bad file never stops the others.
                    Console.Error.WriteLine($"asciml: {AudioLimits.DisplayName(path)}: {error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")}");
                    exitCode = ExitCodes.BadInput;
                }
            }

            return exitCode;
        });
        _ = globals;
        return command;
    }
}
