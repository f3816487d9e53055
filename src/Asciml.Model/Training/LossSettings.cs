namespace Asciml.Model.Training;

/// <summary>
/// How a training step is scored: waveform MSE + β·KL (β ramps up linearly over the warm-up epochs) +
/// STFT weight · multi-resolution STFT distance (0 turns the STFT term off).
/// </summary>
public sealed record LossSettings(double Beta, int BetaWarmupEpochs, double StftWeight)
{
    public static LossSettings Default { get; } = new(Beta: 1e-6, BetaWarmupEpochs: 10, StftWeight: 0.0);

    /// <summary>β for a 1-based epoch: linear from 0 to <see cref="Beta"/> over the warm-up.</summary>
    public double BetaAt(int epoch) =>
        BetaWarmupEpochs <= 0 ? Beta : Beta * Math.Min(1.0, (double)epoch / BetaWarmupEpochs);
}

/// <summary>Loss values of a batch or an epoch (mean per clip). KL is the sum over latent dimensions.</summary>
public sealed record LossValues(double Total, double Reconstruction, double Kl, double Stft)
{
    public bool IsFinite => double.IsFinite(Total) && double.IsFinite(Reconstruction) && double.IsFinite(Kl) && double.IsFinite(Stft);
}

/// <summary>One finished epoch in the loss history.</summary>
public sealed record EpochLosses(int Epoch, double Total, double Reconstruction, double Kl, double Stft, double Beta);
