using System.CommandLine;
using Asciml.Core.Audio;
using Asciml.Core.IO;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Cli.Commands;

/// <summary>`asciml export-instrument`: a playable SFZ sample pack of a morph between two sounds.</summary>
public static class ExportInstrumentCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var model = new Option<string>("--model") { Description = "Model file, or `pretrained`", Required = true };
        var from = new Option<string>("--from") { Description = "Sound A: a WAV path or a workspace sound id", Required = true };
        var to = new Option<string>("--to") { Description = "Sound B: a WAV path or a workspace sound id", Required = true };
        var amount = new Option<double>("--amount") { Description = "0 = A (the default), 1 = B", DefaultValueFactory = _ => 0 };
        var rate = new Option<int>("--rate") { Description = "Sample rate of the WAVs: 48000 (the default) or 44100", DefaultValueFactory = _ => 48_000 };
        rate.AcceptOnlyFromAmong("48000", "44100");
        var output = new Option<string>("--out") { Description = "Zip file to write (WAVs, instrument.sfz, README.txt)", Required = true };
        var command = new Command("export-instrument", "Export a morph as a sample pack for samplers and DAWs (SFZ, 24-bit WAVs, C2–C6)")
        {
            model, from, to, amount, rate, output,
        };
        command.SetAction(parseResult =>
        {
            double x = parseResult.GetValue(amount);
            if (!double.IsFinite(x))
            {
                throw new UsageException("--amount must be a number");
            }

            string referenceA = parseResult.GetValue(from)!, referenceB = parseResult.GetValue(to)!;
            MonoAudio a = SoundReference.Load(referenceA, () => globals.OpenWorkspace(parseResult));
            MonoAudio b = SoundReference.Load(referenceB, () => globals.OpenWorkspace(parseResult));
            string modelPath = PretrainedModel.Resolve(parseResult.GetValue(model)!);
            using SoundModel network = SoundModel.Load(modelPath);
            InstrumentSource source = InstrumentSource.FromMorph(network, a, b, x);
            IReadOnlyList<string> provenance = InstrumentPack.MorphProvenance(modelPath, network, referenceA, referenceB, x, "asciml export-instrument");
            string path = parseResult.GetValue(output)!;
            AtomicFile.CreateFolderOf(path);
            InstrumentPack.Write(path, source, new InstrumentSettings { SampleRateHz = parseResult.GetValue(rate) }, provenance);
            return 0;
        });
        return command;
    }
}
