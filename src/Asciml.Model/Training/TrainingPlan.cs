using System.Text.Json;
using Asciml.Core;
using Asciml.Core.Storage;
using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>
/// What to train in a workspace, decided once for the web and the CLI: its groups (ids), where training starts
/// (<see cref="From"/>: null for a new network of <see cref="Preset"/>, `pretrained`, `pretrained-lite` or a model
/// file) and the settings. The shells only fill it in; <see cref="WorkspaceTraining.Run"/> carries it out.
/// </summary>
public sealed record TrainingPlan(IReadOnlyList<string> GroupIds, string? From, string? Preset, TrainingSettings Settings, int? LatentSize = null)
{
    /// <summary>
    /// The one set of defaults (web sliders and CLI options): fine-tuning a trained model 20 epochs (the shipped model
    /// already knows the sound world; 20 epochs on 20 sounds take about a minute, docs/WEB.md), a new network 100;
    /// Adam at <see cref="TrainingSettings.DefaultLearningRate"/> and <see cref="TrainingSettings"/>'s batch size.
    /// </summary>
    public const int FineTuneEpochs = 20;

    public const int NewModelEpochs = 100;

    /// <summary>The web's choices of start, in menu order: the pretrained model (recommended), then each preset new.</summary>
    public static IReadOnlyList<string> StartChoices { get; } = [PretrainedModel.Name, .. ModelPresets.Names];

    /// <summary>Epochs when the user gives none: fewer when starting from a trained model.</summary>
    public static int DefaultEpochs(string? from) => from is null ? NewModelEpochs : FineTuneEpochs;

    /// <summary>The default epochs of one of <see cref="StartChoices"/>.</summary>
    public static int DefaultEpochsOfChoice(string choice) => DefaultEpochs(FromChoice([], choice, new TrainingSettings()).From);

    /// <summary>The default settings for a start (what the web's sliders show first and the CLI uses without options).</summary>
    public static TrainingSettings DefaultSettings(string? from) => new() { Epochs = DefaultEpochs(from) };

    /// <summary>A plan from one of <see cref="StartChoices"/>: `pretrained` fine-tunes the shipped model, a preset name starts new.</summary>
    public static TrainingPlan FromChoice(IReadOnlyList<string> groupIds, string choice, TrainingSettings settings) =>
        string.Equals(choice, PretrainedModel.Name, StringComparison.OrdinalIgnoreCase)
            ? new TrainingPlan(groupIds, PretrainedModel.Name, null, settings)
            : new TrainingPlan(groupIds, null, choice, settings);

    /// <summary>The preset that will be trained, as far as it is known before loading anything (for estimates).</summary>
    public string? ExpectedPreset => From?.Trim().ToLowerInvariant() switch
    {
        null => string.IsNullOrWhiteSpace(Preset) ? ModelPresets.Default : Preset.Trim().ToLowerInvariant(),
        PretrainedModel.Name => ModelPresets.Default,
        PretrainedModel.LiteName => "lite",
        _ => Preset,
    };

    /// <summary>
    /// What training <paramref name="sounds"/> sounds will cost, said before it starts ("40 sounds × 20 epochs: about
    /// 3 min (basis)."), from <see cref="TrainingEstimate"/> for <see cref="ExpectedPreset"/>.
    /// </summary>
    public string Estimate(Workspace workspace, int sounds)
    {
        string work = $"{Words.Sounds(sounds)} × {Words.Count(Settings.Epochs, "epoch")}";
        TrainingEstimate? estimate = ExpectedPreset is { } preset ? TrainingEstimate.For(workspace, preset, sounds, Settings.Epochs) : null;
        return estimate is null ? $"{work}: the time left shows after the first batch." : $"{work}: {estimate.Describe()} ({estimate.Basis}).";
    }

    /// <summary>
    /// The quick checks (no audio or model is loaded): settings in range, at least one group, each group exists and
    /// holds sounds, a known preset, the start model found. A failed check throws the one-line reason.
    /// </summary>
    public void Check(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Settings.Validate();
        if (GroupIds.Count == 0)
        {
            throw new AscimlException("choose at least one group to train on");
        }

        IReadOnlyDictionary<string, int> counts = workspace.Sounds.CountByGroup();
        foreach (string id in GroupIds.Distinct(StringComparer.Ordinal))
        {
            Group group = workspace.Groups.Get(id);
            if (counts.GetValueOrDefault(id) == 0)
            {
                throw new AscimlException($"group '{group.Name}' has no sounds: add sounds to it or leave it out");
            }
        }

        if (From is null)
        {
            ModelPresets.FromName(Preset, LatentSize);
        }
        else if (!File.Exists(PretrainedModel.Resolve(From)))
        {
            throw new AscimlException($"the model to start from was not found: '{From}'");
        }
    }

    /// <summary>How training begins for a model written to <paramref name="modelPath"/> (resuming its checkpoint, or fresh).</summary>
    public TrainingStart Begin(string modelPath, bool resume) => ResumableTraining.Choose(modelPath, resume, From, Preset, LatentSize);

    /// <summary>The settings as recorded with the run and the model (read back by <see cref="TrainingEstimate"/>).</summary>
    public string SettingsJson(TrainingStart start) => JsonSerializer.Serialize(new
    {
        groups = GroupIds,
        preset = start.Architecture.Preset,
        from_pretrained = From is not null,
        from = From,
        resumed = start.Resume,
        epochs = Settings.Epochs,
        batch_size = Settings.BatchSize,
        learning_rate = Settings.LearningRate,
        seed = Settings.Seed,
    });

    /// <summary>The registered model's name: preset, how it began, and when.</summary>
    public static string ModelName(TrainingStart start) =>
        $"{start.Architecture.Preset} {(start.Resume ? "resumed" : start.Model is not null ? "fine-tuned" : "new")} {Words.Date(DateTimeOffset.Now)}";
}
