using Asciml.Core;
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

    /// <summary>
    /// How `train` begins: <paramref name="resume"/> continues the checkpoint beside <paramref name="modelPath"/>;
    /// <paramref name="from"/> (`pretrained` or a model file) fine-tunes that model; otherwise a new network of
    /// <paramref name="preset"/> (default timbre). A given preset must match the model's. A new run removes a stale
    /// checkpoint so it can never be resumed by mistake.
    /// </summary>
    public static TrainingStart Choose(string modelPath, bool resume, string? from, string? preset, int? latentSize)
    {
        string checkpoint = CheckpointPathFor(modelPath);
        if (resume)
        {
            if (from is not null)
            {
                throw new AscimlException("resuming continues the checkpoint beside the output model; it cannot start from another model");
            }

            if (!File.Exists(checkpoint))
            {
                throw new AscimlException($"no checkpoint to resume at '{checkpoint}': train without resuming first");
            }

            return TrainingStart.ResumeFrom(ModelFile.Load(checkpoint, preset));
        }

        TrainingStart start;
        if (from is not null)
        {
            string source = PretrainedModel.Resolve(from);
            start = TrainingStart.FineTune(ModelFile.Load(source, preset), Path.GetFileName(source));
        }
        else
        {
            start = TrainingStart.FromScratch(ModelPresets.FromName(preset, latentSize));
        }

        File.Delete(checkpoint);
        return start;
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
