using System.CommandLine;
using Asciml.Core;
using Asciml.Core.IO;
using Asciml.Core.Storage;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Cli.Commands;

/// <summary>`asciml train`: trains a model on workspace groups or a folder of WAVs, from scratch or from a model.</summary>
public static class TrainCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var groups = new Option<string[]>("--group") { Description = "Workspace group to train on (repeatable)", AllowMultipleArgumentsPerToken = true };
        var data = new Option<string?>("--data") { Description = "Folder of WAV files to train on" };
        var preset = new Option<string?>("--preset") { Description = "Model preset for a new model: timbre, lite or paper (default timbre)" };
        var from = new Option<string?>("--from") { Description = "Start from `pretrained` (the shipped timbre model), `pretrained-lite` or a model file" };
        var resume = new Option<bool>("--resume") { Description = "Continue the checkpoint left beside --out (MODEL.checkpoint)" };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true };
        var options = new TrainingOptions();
        var command = new Command("train", "Train a model on your sounds (from scratch, from the pretrained model, or resuming)")
        {
            groups, data, preset, from, resume, output,
        };
        options.AddTo(command, defaultEpochs: null);
        command.SetAction((parseResult, cancellation) =>
        {
            string[] groupNames = parseResult.GetValue(groups) ?? [];
            string? folder = parseResult.GetValue(data);
            if ((groupNames.Length == 0) == (folder is null))
            {
                throw new UsageException("give either --group NAME (repeatable) or --data DIR");
            }

            TrainingSettings settings = options.Settings(parseResult);
            string outPath = parseResult.GetValue(output)!;
            AtomicFile.CreateFolderOf(outPath);
            string? fromValue = parseResult.GetValue(from);
            string? presetName = parseResult.GetValue(preset);
            if (parseResult.GetValue(resume) && fromValue is not null)
            {
                throw new UsageException("--resume continues the checkpoint beside --out; it cannot be combined with --from");
            }

            bool resuming = parseResult.GetValue(resume);
            settings = settings with { Epochs = options.Epochs(parseResult) ?? TrainingPlan.DefaultEpochs(fromValue) };
            if (groupNames.Length > 0)
            {
                // The web's use-case: the run is recorded and the model registered in the workspace (and written to --out).
                using Workspace workspace = globals.OpenWorkspace(parseResult);
                var plan = new TrainingPlan(groupNames.Distinct(StringComparer.Ordinal).Select(name => workspace.Groups.GetByName(name).Id).ToArray(),
                    fromValue, presetName, settings, options.LatentSize(parseResult));
                return Task.FromResult(TrainingConsole.Run(outPath, (progress, token) =>
                {
                    TrainingOutcome outcome = WorkspaceTraining.Run(workspace, plan, progress, token, outPath, resuming);
                    Console.Error.WriteLine($"Registered model {outcome.Model?.Id} ({outcome.Model?.Name}) in {workspace.Folder}; run {outcome.RunId}");
                    return (outcome.Metadata, outcome.StopReason, outcome.Message);
                }, cancellation));
            }

            TrainingData trainingData = TrainingData.FromFolder(folder!);
            TrainingStart start = ResumableTraining.Choose(outPath, resuming, fromValue, presetName, options.LatentSize(parseResult));
            return Task.FromResult(TrainingConsole.Run(outPath, start, trainingData, settings, cancellation));
        });
        return command;
    }
}

/// <summary>The training options shared by `train` and `pretrain`.</summary>
internal sealed class TrainingOptions
{
    private static readonly TrainingSettings Defaults = new(); // the one set of defaults (TrainingPlan, the web's sliders)
    private readonly Option<int?> _epochs = new("--epochs") { Description = $"Epochs (passes over the data; default {TrainingPlan.FineTuneEpochs} from a model, {TrainingPlan.NewModelEpochs} new)" };
    private readonly Option<double?> _timeLimit = new("--time-limit") { Description = "Stop after this many seconds (the model so far is kept)" };
    private readonly Option<int> _batchSize = new("--batch-size") { Description = "Sounds per training step", DefaultValueFactory = _ => Defaults.BatchSize };
    private readonly Option<double> _learningRate = new("--learning-rate") { Description = "Adam learning rate", DefaultValueFactory = _ => TrainingSettings.DefaultLearningRate };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed for initialisation, shuffling and sampling", DefaultValueFactory = _ => Defaults.Seed };
    private readonly Option<int> _threads = new("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => Defaults.Threads };
    private readonly Option<int?> _latentSize = new("--latent-size") { Description = "Latent dimensions of a new model (default: the preset's, 16 for timbre, 32 for lite and paper)" };
    private readonly LossOptions _loss = new();
    private readonly Option<string> _device = new("--device") { Description = "cpu, cuda or auto", DefaultValueFactory = _ => Defaults.Device };

    /// <param name="defaultEpochs">The command's own default; null takes <see cref="TrainingPlan.DefaultEpochs"/> for the start.</param>
    public void AddTo(Command command, int? defaultEpochs)
    {
        if (defaultEpochs is { } fixedEpochs)
        {
            _epochs.DefaultValueFactory = _ => fixedEpochs;
        }

        foreach (Option option in new Option[] { _epochs, _timeLimit, _batchSize, _learningRate, _seed, _threads, _latentSize })
        {
            command.Options.Add(option);
        }

        _loss.AddTo(command);
        command.Options.Add(_device);
    }

    public int? LatentSize(ParseResult parseResult) => parseResult.GetValue(_latentSize);

    public int? Epochs(ParseResult parseResult) => parseResult.GetValue(_epochs);

    public int Seed(ParseResult parseResult) => parseResult.GetValue(_seed);

    public TrainingSettings Settings(ParseResult parseResult)
    {
        double? seconds = parseResult.GetValue(_timeLimit);
        if (seconds is <= 0)
        {
            throw new UsageException("--time-limit must be a positive number of seconds");
        }

        var settings = new TrainingSettings
        {
            Epochs = parseResult.GetValue(_epochs) ?? TrainingPlan.NewModelEpochs,
            BatchSize = parseResult.GetValue(_batchSize),
            LearningRate = parseResult.GetValue(_learningRate),
            Seed = parseResult.GetValue(_seed),
            Threads = parseResult.GetValue(_threads),
            TimeLimit = seconds is { } s ? TimeSpan.FromSeconds(s) : null,
            Loss = _loss.Settings(parseResult),
            Device = parseResult.GetValue(_device) ?? Defaults.Device,
        };
        try
        {
            settings.Validate();
        }
        catch (AscimlException error)
        {
            // An out-of-range option value is a usage mistake (exit 2), not bad input data.
            throw new UsageException(error.Message);
        }

        return settings;
    }
}

/// <summary>Runs a training under the progress bar and reports the outcome.</summary>
internal static class TrainingConsole
{
    /// <summary>Resumable training on data outside a workspace (a folder, the pretraining corpus).</summary>
    public static int Run(string outPath, TrainingStart start, TrainingData data, TrainingSettings settings, CancellationToken cancellation)
    {
        settings.Validate();
        string resumed = start.Resume ? $", resuming at epoch {start.Model!.Metadata.Training.EpochsCompleted + 1}" : "";
        Console.Error.WriteLine(
            $"Training {start.Architecture.Preset} (latent {start.Architecture.LatentSize}) on {data.Count} sounds from {start.StartedFrom}{resumed}");
        return Run(outPath, (progress, token) =>
        {
            TrainingResult result = ResumableTraining.Run(outPath, start, data, settings, progress, token);
            return (result.Metadata, result.StopReason, result.Message);
        }, cancellation);
    }

    public static int Run(string outPath, Func<IProgress<TrainingProgress>, CancellationToken, (ModelMetadata Metadata, TrainingStopReason StopReason, string Message)> train,
        CancellationToken cancellation)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        (ModelMetadata metadata, TrainingStopReason stopReason, string message) = Terminal.WithProgress("Training", 100, report =>
            train(new Reporter(report), interrupt.Token));

        EpochLosses? last = metadata.Training.History.Count > 0 ? metadata.Training.History[^1] : null;
        string losses = last?.Describe() ?? "no epoch finished";
        Console.Out.WriteLine($"{outPath}: {message}; {losses}; {metadata.Training.TrainingSeconds:0.#} s in total");
        if (stopReason is TrainingStopReason.NonFiniteLoss or TrainingStopReason.Diverged)
        {
            throw new TrainingStoppedException($"training stopped: {message}; saved it to '{outPath}'");
        }

        return 0;
    }

    private sealed class Reporter(Action<double> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value.Fraction * 100);
    }
}
