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
}

/// <summary>Why training stopped.</summary>
public enum TrainingStopReason
{
    Completed,
    TimeLimit,
    Cancelled,

    /// <summary>A loss became NaN or infinite; the model is the one from the last good epoch.</summary>
    NonFiniteLoss,
}
