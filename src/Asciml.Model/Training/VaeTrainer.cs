using System.Diagnostics;
using Asciml.Core;
using Asciml.Model.Vae;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>Where a training run begins: a new network, a model to fine-tune, or a checkpoint to resume.</summary>
public sealed record TrainingStart
{
    private TrainingStart(IModelArchitecture architecture, LoadedModel? model, bool resume, string startedFrom)
    {
        Architecture = architecture;
        Model = model;
        Resume = resume;
        StartedFrom = startedFrom;
    }

    public IModelArchitecture Architecture { get; }
    public LoadedModel? Model { get; }
    public bool Resume { get; }
    public string StartedFrom { get; }

    /// <summary>A freshly initialised network (initialisation follows the settings' seed).</summary>
    public static TrainingStart FromScratch(IModelArchitecture architecture) => new(architecture, null, false, "scratch");

    /// <summary>Fine-tune a trained model: its weights, a fresh optimizer, a new loss history.</summary>
    public static TrainingStart FineTune(LoadedModel model, string modelName) =>
        new(model.Network.Shape, model, false, $"{modelName} ({model.Metadata.Preset}, {model.Metadata.Training.EpochsCompleted} epochs on {model.Metadata.Training.SoundCount} sounds)");

    /// <summary>Continue a checkpoint: weights, optimizer state, epoch count and history carry on.</summary>
    public static TrainingStart ResumeFrom(LoadedModel checkpoint) =>
        new(checkpoint.Network.Shape, checkpoint, true, checkpoint.Metadata.Training.StartedFrom);
}

/// <summary>A finished (or stopped) training run: the network, its metadata (with history), and why it stopped.</summary>
public sealed record TrainingResult(SoundVae Network, ModelMetadata Metadata, TrainingStopReason StopReason, string Message);

/// <summary>
/// Trains the VAE with Adam on shuffled mini-batches. Each epoch's shuffle and sampling noise derive from the
/// seed and the epoch number, so a resumed run repeats exactly what an uninterrupted one would do (on one
/// thread). After every batch the losses are checked: a NaN or infinity stops training, the weights go back to
/// the end of the last good epoch, and the checkpoint on disk (only ever written from good states) is kept.
/// </summary>
public static class VaeTrainer
{
    private const int TrimEveryBatches = 8;

    public static TrainingResult Train(
        TrainingStart start,
        TrainingData data,
        TrainingSettings settings,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        settings.Validate();
        ComputeDevice.UseThreads(settings.Threads);
        Device device = ComputeDevice.Resolve(settings.Device);

        torch.manual_seed(settings.Seed);
        SoundVae network = start.Model?.Network ?? start.Architecture.Build();
        network.to(device);
        network.train();

        TrainingProvenance previous = start.Resume ? start.Model!.Metadata.Training : new TrainingProvenance();
        var history = new List<EpochLosses>(previous.History);
        int firstEpoch = previous.EpochsCompleted + 1;
        double previousSeconds = previous.TrainingSeconds;

        using var optimizer = torch.optim.Adam(network.parameters(), settings.LearningRate);
        if (start.Resume && start.Model!.OptimizerState is { } state)
        {
            OptimizerState.Restore(optimizer, state);

            // The restored state carries the learning rate it was saved with; a resumed run uses the rate it
            // was asked for (a step decay when pretraining plateaus: docs/PRETRAINING.md).
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = settings.LearningRate;
            }
        }

        using Tensor clips = Stack(data, device);
        using Tensor? controls = network.Controls(data.Clips.Select(clip => clip.Audio).ToArray(), device);
        int count = data.Count;
        int batchSize = Math.Min(settings.BatchSize, count);
        int batchesPerEpoch = (count + batchSize - 1) / batchSize;
        int epochsToRun = Math.Max(0, settings.Epochs - firstEpoch + 1);
        long totalBatches = (long)epochsToRun * batchesPerEpoch;

        var clock = Stopwatch.StartNew();
        TimeSpan lastCheckpoint = TimeSpan.Zero;
        using var lastGood = new WeightSnapshot(network);
        using var best = new WeightSnapshot(network);
        var watch = new DivergenceWatch(settings.Loss.SteadyEpoch);
        TrainingStopReason reason = TrainingStopReason.Completed;
        string message = epochsToRun == 0 ? $"already trained {previous.EpochsCompleted} epochs" : "";
        long batchesDone = 0;

        ModelMetadata Describe(string stopReason) => ModelFile.Describe(network, new TrainingProvenance
        {
            StartedFrom = start.StartedFrom,
            DataDescription = data.Description,
            SoundCount = count,
            EpochsCompleted = history.Count == 0 ? 0 : history[^1].Epoch,
            EpochsRequested = settings.Epochs,
            BatchSize = batchSize,
            LearningRate = settings.LearningRate,
            Seed = settings.Seed,
            Loss = settings.Loss,
            TrainingSeconds = Math.Round(previousSeconds + clock.Elapsed.TotalSeconds, 3),
            StopReason = stopReason,
            UpdatedUtc = DateTime.UtcNow,
            History = history.ToArray(),
        });

        for (int epoch = firstEpoch; epoch <= settings.Epochs && reason == TrainingStopReason.Completed; epoch++)
        {
            int epochSeed = EpochSeed(settings.Seed, epoch);
            torch.manual_seed(epochSeed);
            int[] order = Shuffled(count, epochSeed);
            double beta = settings.Loss.BetaAt(epoch);
            double sumTotal = 0, sumReconstruction = 0, sumKl = 0, sumStft = 0, sumSpectral = 0;
            int seen = 0;

            for (int batch = 0; batch < batchesPerEpoch; batch++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    reason = TrainingStopReason.Cancelled;
                    message = $"stopped by request during epoch {epoch}";
                    break;
                }

                if (settings.TimeLimit is { } limit && clock.Elapsed >= limit)
                {
                    reason = TrainingStopReason.TimeLimit;
                    message = $"time limit of {limit.TotalSeconds:0.#} s reached during epoch {epoch}";
                    break;
                }

                int[] indices = order[(batch * batchSize)..Math.Min(count, (batch + 1) * batchSize)];
                LossValues values;
                using (var scope = NewDisposeScope())
                {
                    Tensor index = tensor(indices.Select(i => (long)i).ToArray(), device: device);
                    Tensor target = clips.index_select(0, index);
                    Tensor? condition = controls?.index_select(0, index);
                    values = Step(network, optimizer, target, condition, settings.Loss, epoch);
                    if (!values.IsFinite)
                    {
                        reason = TrainingStopReason.NonFiniteLoss;
                    }
                }

                if (reason == TrainingStopReason.NonFiniteLoss)
                {
                    lastGood.Restore(network);
                    int goodEpochs = history.Count == 0 ? 0 : history[^1].Epoch;
                    message = $"the loss became {(double.IsNaN(values.Total) ? "NaN" : "infinite")} at epoch {epoch}, batch {batch + 1} " +
                              $"(learning rate {settings.LearningRate:g3} may be too high); kept the model from the end of epoch {goodEpochs}";
                    break;
                }

                if (batchesDone % TrimEveryBatches == 0)
                {
                    NativeMemory.Trim();
                }

                sumTotal += values.Total * indices.Length;
                sumReconstruction += values.Reconstruction * indices.Length;
                sumKl += values.Kl * indices.Length;
                sumStft += values.Stft * indices.Length;
                sumSpectral += values.Spectral * indices.Length;
                seen += indices.Length;
                batchesDone++;

                EpochLosses? finished = null;
                if (batch == batchesPerEpoch - 1)
                {
                    finished = new EpochLosses(epoch, sumTotal / seen, sumReconstruction / seen, sumKl / seen, sumStft / seen, beta, sumSpectral / seen);
                    history.Add(finished);
                    lastGood.Capture(network);
                    EpochVerdict verdict = watch.Observe(epoch, finished.Total);
                    if (verdict == EpochVerdict.Best)
                    {
                        best.Capture(network);
                    }
                    else if (verdict == EpochVerdict.Diverged && watch.Best is { } kept)
                    {
                        // Back to the best epoch, with the history that led to it; Adam's moments are from the
                        // blown-up steps, so the checkpoint below is written without them (a resume starts Adam afresh).
                        best.Restore(network);
                        history.RemoveAll(e => e.Epoch > kept.Epoch);
                        reason = TrainingStopReason.Diverged;
                        message = $"the loss jumped from {kept.Total:g4} (epoch {kept.Epoch}) to {finished.Total:g4} at epoch {epoch} " +
                                  $"(learning rate {settings.LearningRate:g3} may be too high); kept the model from epoch {kept.Epoch}";
                    }
                }

                progress?.Report(new TrainingProgress(epoch, settings.Epochs, batch + 1, batchesPerEpoch, values, finished,
                    clock.Elapsed, Remaining(clock.Elapsed, batchesDone, totalBatches, settings.TimeLimit))
                {
                    Fraction = totalBatches == 0 ? 1 : (double)batchesDone / totalBatches,
                });

                if (reason == TrainingStopReason.Diverged)
                {
                    break;
                }

                if (finished is not null && settings.CheckpointPath is { } path && epoch < settings.Epochs
                    && clock.Elapsed - lastCheckpoint >= settings.CheckpointInterval)
                {
                    ModelFile.Save(path, network, Describe("InProgress"), OptimizerState.Writer(optimizer));
                    lastCheckpoint = clock.Elapsed;
                }
            }
        }

        if (reason == TrainingStopReason.Completed && message.Length == 0)
        {
            message = $"trained {epochsToRun} epochs";
        }

        ModelMetadata metadata = Describe(reason.ToString());
        if (settings.CheckpointPath is { } finalPath && reason != TrainingStopReason.NonFiniteLoss)
        {
            ModelFile.Save(finalPath, network, metadata, reason == TrainingStopReason.Diverged ? null : OptimizerState.Writer(optimizer));
        }

        network.eval();
        return new TrainingResult(network, metadata, reason, message);
    }

    /// <summary>
    /// One optimisation step on a batch (batch, 16000) with its conditioning (<see cref="SoundVae.Controls"/>, or
    /// null) in a 1-based epoch (the loss's warm-ups follow it): forward, the family's loss, and — only when every loss term is finite —
    /// backward and the optimizer's update. Returns the batch's loss values. `asciml bench train` times exactly
    /// this call.
    /// </summary>
    public static LossValues Step(SoundVae network, torch.optim.Optimizer optimizer, Tensor target, Tensor? controls, LossSettings loss, int epoch)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        using VaeOutput output = network.Forward(target, controls);
        using LossTerms terms = network.Loss(output, target, loss, epoch);
        LossValues values = terms.Values();
        if (values.IsFinite)
        {
            terms.Total.backward();
            optimizer.step();
        }

        return values;
    }

    /// <summary>A per-epoch seed: the shuffle and the sampling noise of epoch e depend only on (seed, e).</summary>
    /// <remarks>A fixed mix (SplitMix64's finaliser), not <see cref="HashCode"/>, which is randomised per process.</remarks>
    public static int EpochSeed(int seed, int epoch)
    {
        ulong x = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (int)(x & 0x7fffffff);
    }

    private static int[] Shuffled(int count, int seed)
    {
        int[] order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private static TimeSpan Remaining(TimeSpan elapsed, long done, long total, TimeSpan? limit)
    {
        TimeSpan remaining = done == 0 ? TimeSpan.Zero : elapsed / done * (total - done);
        if (limit is { } cap && cap - elapsed < remaining)
        {
            remaining = cap - elapsed < TimeSpan.Zero ? TimeSpan.Zero : cap - elapsed;
        }

        return remaining;
    }

    private static Tensor Stack(TrainingData data, Device device)
    {
        int length = data.Clips[0].Audio.Samples.Length;
        var all = new float[(long)data.Count * length];
        for (int i = 0; i < data.Count; i++)
        {
            data.Clips[i].Audio.Samples.CopyTo(all, (long)i * length);
        }

        return tensor(all, new long[] { data.Count, length }, device: device);
    }
}
