using System.CommandLine;
using Asciml.Core.Audio;
using Asciml.Core.IO;
using Asciml.Model.Creation;
using Asciml.Model.Evaluation;
using Asciml.Model.Training;

namespace Asciml.Cli.Commands;

/// <summary>
/// `asciml reconstruct`: writes DIR/&lt;input name&gt;.wav (the model's reconstruction, 16 kHz) for each input and
/// prints one CSV row of reconstruction metrics per input on stdout.
/// </summary>
public static class ReconstructCommand
{
    public const string CsvHeader = "file,waveform_mse,stft_distance,rms_envelope_correlation,f0_difference_hz,f0_difference_cents,centroid_difference_hz,logmag80_db,level_db_error";

    public static Command Create(GlobalOptions globals)
    {
        var model = new Option<string>("--model") { Description = "Model file, or `pretrained`", Required = true };
        var files = new Argument<string[]>("FILE") { Description = "Audio files to reconstruct", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Folder for the reconstructions", Required = true };
        var transpose = new Option<double>("--transpose") { Description = "Semitones to move each reconstruction's pitch (timbre models; −24..24)" };
        var command = new Command("reconstruct", "Reconstruct sounds through a model and measure how close they are") { model, files, output, transpose };
        command.SetAction(parseResult =>
        {
            string folder = parseResult.GetValue(output)!;
            string[] inputs = parseResult.GetValue(files)!;
            using SoundModel sounds = SoundModel.Load(PretrainedModel.Resolve(parseResult.GetValue(model)!));
            MonoAudio[] originals = inputs.Select(path => ModelInput.Load(path)).ToArray();
            Directory.CreateDirectory(folder);
            Console.Out.WriteLine(CsvHeader);
            for (int i = 0; i < inputs.Length; i++)
            {
                MonoAudio reconstruction = sounds.Reconstruct(originals[i], parseResult.GetValue(transpose));
                QualityMeasures quality = QualityMeasures.Compare(originals[i], reconstruction);
                WavWriter.Write(Path.Combine(folder, Path.GetFileNameWithoutExtension(inputs[i]) + ".wav"), reconstruction);
                ReconstructionMetrics metrics = ReconstructionMetrics.Compare(inputs[i], originals[i], reconstruction);
                Csv.WriteLine(Console.Out, inputs[i], Number(metrics.WaveformMse), Number(metrics.StftDistance),
                    Number(metrics.RmsEnvelopeCorrelation), Number(metrics.F0DifferenceHz), Number(metrics.F0DifferenceCents),
                    Number(metrics.CentroidDifferenceHz), Number(quality.LogMagnitudeDb), Number(quality.LevelErrorDb));
            }

            return 0;
        });
        _ = globals;
        return command;
    }

    private static string Number(double? value) => Csv.Number(value, "g6");
}
