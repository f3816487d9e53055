using System.CommandLine;
using Asciml.Core.Audio;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Cli.Commands;

/// <summary>`asciml interpolate`: decodes (1 − X)·z_A + X·z_B into a 16 kHz WAV.</summary>
public static class InterpolateCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var model = new Option<string>("--model") { Description = "Model file, or `pretrained`", Required = true };
        var from = new Option<string>("--from") { Description = "Sound A: a WAV path or a workspace sound id", Required = true };
        var to = new Option<string>("--to") { Description = "Sound B: a WAV path or a workspace sound id", Required = true };
        var amount = new Option<double>("--amount") { Description = "0 = A, 1 = B; values outside 0..1 extrapolate", Required = true };
        var output = new Option<string>("--out") { Description = "WAV file to write (16 kHz)", Required = true };
        var transpose = new Option<double>("--transpose") { Description = "Semitones to move the result's pitch (timbre models; −24..24)" };
        var command = new Command("interpolate", "Make a new sound between two sounds in the model's latent space") { model, from, to, amount, output, transpose };
        command.SetAction(parseResult =>
        {
            double x = parseResult.GetValue(amount);
            if (!double.IsFinite(x))
            {
                throw new UsageException("--amount must be a number");
            }

            MonoAudio a = SoundReference.Load(parseResult.GetValue(from)!, () => globals.OpenWorkspace(parseResult));
            MonoAudio b = SoundReference.Load(parseResult.GetValue(to)!, () => globals.OpenWorkspace(parseResult));
            using SoundModel sounds = SoundModel.Load(PretrainedModel.Resolve(parseResult.GetValue(model)!));
            WavWriter.Write(parseResult.GetValue(output)!, sounds.Interpolate(a, b, x, parseResult.GetValue(transpose)));
            return 0;
        });
        return command;
    }
}
