namespace Asciml.Model.Training;

/// <summary>
/// A progress report after each batch: where training is (1-based epoch and batch), the batch's losses, and
/// at the end of an epoch (<see cref="EpochFinished"/>) the epoch's mean losses for the live curve.
/// </summary>
public sealed record TrainingProgress(
    int Epoch,
    int TotalEpochs,
    int Batch,
    int BatchesPerEpoch,
    LossValues BatchLosses,
    EpochLosses? EpochFinished,
    TimeSpan Elapsed,
    TimeSpan EstimatedRemaining)
{
    /// <summary>0..1 over the epochs this run trains.</summary>
    public double Fraction { get; init; }

    /// <summary>One status line: "Epoch 3 of 20 · batch 2/5 · loss 0.01234 · time left 1:05".</summary>
    public string Describe() =>
        $"Epoch {Epoch} of {TotalEpochs} · batch {Batch}/{BatchesPerEpoch} · loss {BatchLosses.Total:G4} · time left {EstimatedRemaining:m\\:ss}";
}

/// <summary>Why training stopped.</summary>
public enum TrainingStopReason
{
    Completed,
    TimeLimit,
    Cancelled,

    /// <summary>A loss became NaN or infinite; the model is the one from the last good epoch.</summary>
    NonFiniteLoss,

    /// <summary>An epoch's loss blew up (<see cref="DivergenceWatch"/>); the model is the one from the best epoch.</summary>
    Diverged,
}
