using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>
/// Training that writes its checkpoint beside the output model (MODEL.checkpoint: weights + Adam state +
/// history) and saves the finished model without optimizer state (a third of the size).
/// </summary>
public static class ResumableTraining
{
    public const string CheckpointSuffix = ".checkpoint";

    public static string CheckpointPathFor(string modelPath) => Path.GetFullPath(modelPath) + CheckpointSuffix;

    /// <summary>
    /// Resumes <paramref name="modelPath"/>'s checkpoint when it exists (its preset must be the fresh start's),
    /// else begins with <paramref name="fresh"/>.
    /// </summary>
    public static TrainingStart ResumeOrStart(string modelPath, TrainingStart fresh)
    {
        string checkpoint = CheckpointPathFor(modelPath);
        return File.Exists(checkpoint)
            ? TrainingStart.ResumeFrom(ModelFile.Load(checkpoint, expectedPreset: fresh.Architecture.Preset))
            : fresh;
    }

    /// <summary>Trains with checkpoints beside <paramref name="modelPath"/>, then writes the model there.</summary>
    public static TrainingResult Run(string modelPath, TrainingStart start, TrainingData data, TrainingSettings settings,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        TrainingResult result = VaeTrainer.Train(start, data, settings with { CheckpointPath = CheckpointPathFor(modelPath) }, progress, cancellation);
        ModelFile.Save(modelPath, result.Network, result.Metadata);
        return result;
    }
}
