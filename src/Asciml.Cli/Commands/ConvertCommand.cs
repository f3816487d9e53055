using System.CommandLine;
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
            IReadOnlyList<ConversionOutcome> outcomes = ModelInputFiles.Convert(parseResult.GetValue(files)!, parseResult.GetValue(output)!,
                parseResult.GetValue(normalize), parseResult.GetValue(floatFormat) ? WavSampleFormat.Float32 : WavSampleFormat.Pcm16);
            foreach (ConversionOutcome outcome in outcomes)
            {
                outcome.Warnings.ToList().ForEach(warning => Console.Error.WriteLine($"asciml: warning: {warning}"));
                if (outcome.Error is not null)
                {
                    Console.Error.WriteLine($"asciml: {outcome.Error}");
                }
            }

            return outcomes.Any(o => o.Error is not null) ? ExitCodes.BadInput : ExitCodes.Success;
        });
        _ = globals;
        return command;
    }
}
