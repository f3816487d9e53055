using System.CommandLine;
using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;
using Asciml.Model.Evaluation;

namespace Asciml.Cli.Commands;

/// <summary>
/// `asciml bench quality`: builds the evaluation set (fluidsynth notes and drums, espeak-ng vowels, held-out
/// synthesized sounds), fine-tunes the model on it for a fixed budget and prints the measures of
/// docs/QUALITY.md as one JSON object. `--smoke` is the seconds-long version CI runs.
/// </summary>
public static class BenchQualityCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var model = new Option<string>("--model") { Description = "Model file, or `pretrained` (the shipped default)", DefaultValueFactory = _ => "pretrained" };
        var budget = new Option<double>("--seconds") { Description = "Fine-tuning wall time in seconds", DefaultValueFactory = _ => 180 };
        var epochs = new Option<int?>("--epochs") { Description = "Stop fine-tuning after this many epochs (for A/B runs independent of load; --seconds still caps)" };
        var batchSize = new Option<int>("--batch-size") { Description = "Fine-tuning batch size", DefaultValueFactory = _ => new QualityBenchmarkSettings().BatchSize };
        var threads = new Option<int>("--threads") { Description = "CPU threads", DefaultValueFactory = _ => 2 };
        var perFamily = new Option<int?>("--per-family") { Description = "At most this many clips of each family (default: all)" };
        var families = new Option<string[]>("--family") { Description = "Only these families: instrument, percussion, voice, synth (repeatable)", AllowMultipleArgumentsPerToken = true };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Adam learning rate while fine-tuning (default: training's default)" };
        var work = new Option<string?>("--work") { Description = "Folder for rendered clips (cached between runs)" };
        var clipsOut = new Option<bool>("--clips") { Description = "Include every clip's measures in the JSON" };
        var loss = new LossOptions();
        var smoke = new Option<bool>("--smoke") { Description = "A seconds-long run: one clip per family, 3 s of fine-tuning" };
        var json = BenchCommand.JsonOption();
        var command = new Command("quality", "Measure reconstruction and morph quality on the project's evaluation set; prints one JSON object")
        {
            model, budget, epochs, batchSize, threads, perFamily, families, learningRate, work, clipsOut, smoke, json,
        };
        loss.AddTo(command);
        command.SetAction((parseResult, cancellation) =>
        {
            bool isSmoke = parseResult.GetValue(smoke);
            double seconds = isSmoke ? Math.Min(3, parseResult.GetValue(budget)) : parseResult.GetValue(budget);
            if (!(seconds > 0) || seconds > 86_400)
            {
                throw new UsageException("--seconds must be between 0 and 86400");
            }

            string folder = parseResult.GetValue(work) ?? Path.Combine(Path.GetTempPath(), "asciml-quality-set");
            int? limit = isSmoke ? 1 : parseResult.GetValue(perFamily);
            if (limit is < 1)
            {
                throw new UsageException("--per-family must be at least 1");
            }

            int? epochCount = parseResult.GetValue(epochs);
            if (epochCount is < 1)
            {
                throw new UsageException("--epochs must be at least 1");
            }

            Model.Training.LossSettings lossSettings = loss.Settings(parseResult);
            try
            {
                lossSettings.Validate();
            }
            catch (Core.AscimlException error)
            {
                throw new UsageException(error.Message);
            }

            var environment = BenchmarkEnvironment.Start();
            IReadOnlyList<EvaluationClip> clips = QualityEvaluationSet.Build(folder, limit, parseResult.GetValue(families));
            var progress = new Progress<string>(message => Console.Error.WriteLine(message));
            QualityReport report = QualityBenchmark.Run(clips, new QualityBenchmarkSettings
            {
                Model = parseResult.GetValue(model) ?? "pretrained",
                Budget = TimeSpan.FromSeconds(seconds),
                Epochs = epochCount,
                BatchSize = parseResult.GetValue(batchSize),
                Threads = parseResult.GetValue(threads),
                LearningRate = parseResult.GetValue(learningRate) ?? Model.Training.TrainingSettings.DefaultLearningRate,
                Loss = lossSettings,
            }, progress, cancellation);
            JsonObject json = report.ToJson(lossSettings, withClips: parseResult.GetValue(clipsOut));
            environment.Finish(json, parseResult.GetValue(threads));
            // The contract's name for the pair; the shared fields stay as every bench prints them.
            json["load_average"] = new JsonObject { ["before"] = json["load_before"]?.DeepClone(), ["after"] = json["load_after"]?.DeepClone() };
            json["omp_spin_count"] = Model.Vae.OpenMpSpinning.Current;
            Console.Out.WriteLine(json.ToJsonString(QualityReport.JsonOptions));
            return Task.FromResult(0);
        });
        _ = globals;
        return command;
    }
}
