using System.Text.Json.Serialization;
using Asciml.Core;

namespace Asciml.Model.Training;

/// <summary>
/// How a training step is scored. Every family: β·KL with β ramping up linearly over
/// <see cref="BetaWarmupEpochs"/>. The paper's raw-waveform networks (`lite`, `paper`) add a reconstruction
/// schedule: waveform MSE alone for <see cref="MseWarmupEpochs"/>, then the multi-resolution linear + log
/// magnitude spectral loss (<see cref="Timbre.SpectralLoss"/>, the timbre family's) fading in over
/// <see cref="SpectralRampEpochs"/> (0 = switch at once) while the MSE fades to <see cref="MseKeepWeight"/>.
/// <see cref="StftWeight"/> · Yamamoto's multi-resolution STFT distance is the older optional term (0 = off).
/// The timbre family always trains on the spectral loss and ignores the schedule.
/// </summary>
/// <remarks>
/// The schedule's properties default to "MSE only", which is what model files written before they existed were
/// trained with, so their metadata reads true; <see cref="Default"/> holds the measured choice for new training
/// (docs/MODEL.md, "The paper's networks: the loss").
/// </remarks>
public sealed record LossSettings(double Beta, int BetaWarmupEpochs, double StftWeight)
{
    /// <summary>
    /// MSE only: on `bench quality` (docs/MODEL.md) the spectral schedule lowered logmag80 by 1 dB and the level
    /// error by 3 dB but lost envelope correlation, every pitched note and 2–3 kHz of centroid, so it stays an
    /// option (`--spectral-weight 1` gives the measured 10-epoch warm-up, then a switch).
    /// </summary>
    public static LossSettings Default { get; } = new(Beta: 1e-6, BetaWarmupEpochs: 10, StftWeight: 0.0)
    {
        SpectralWeight = 0.0,
        MseWarmupEpochs = 10,
        SpectralRampEpochs = 0,
        MseKeepWeight = 0.0,
    };

    /// <summary>Weight of the spectral loss once it is fully on (waveform networks); 0 = waveform MSE only.</summary>
    public double SpectralWeight { get; init; }

    /// <summary>Epochs of waveform MSE alone before the spectral loss begins.</summary>
    public int MseWarmupEpochs { get; init; }

    /// <summary>Epochs over which MSE crossfades into the spectral loss after the warm-up; 0 switches at once.</summary>
    public int SpectralRampEpochs { get; init; }

    /// <summary>Weight of the waveform MSE kept once the spectral loss is fully on (0 = none).</summary>
    public double MseKeepWeight { get; init; }

    /// <summary>True when the spectral loss is part of the schedule at some epoch.</summary>
    [JsonIgnore]
    public bool UsesSpectral => SpectralWeight > 0;

    /// <summary>β for a 1-based epoch: linear from 0 to <see cref="Beta"/> over the warm-up.</summary>
    public double BetaAt(int epoch) =>
        BetaWarmupEpochs <= 0 ? Beta : Beta * Math.Min(1.0, (double)epoch / BetaWarmupEpochs);

    /// <summary>
    /// How far the waveform networks' reconstruction loss has moved from MSE to spectral at a 1-based epoch:
    /// 0 through the warm-up, then linear to 1 over the ramp (at once without one).
    /// </summary>
    public double SpectralShareAt(int epoch)
    {
        if (!UsesSpectral || epoch <= MseWarmupEpochs)
        {
            return 0;
        }

        return SpectralRampEpochs <= 0 ? 1 : Math.Min(1.0, (double)(epoch - MseWarmupEpochs) / SpectralRampEpochs);
    }

    /// <summary>The weights of the waveform networks' loss terms at a 1-based epoch.</summary>
    public LossWeights WeightsAt(int epoch)
    {
        double share = SpectralShareAt(epoch);
        return new LossWeights(
            Mse: (1 - share) + share * MseKeepWeight,
            Spectral: share * SpectralWeight,
            Stft: StftWeight,
            Beta: BetaAt(epoch));
    }

    /// <summary>The first epoch from which every ramp and warm-up is over (what `bench train` times).</summary>
    [JsonIgnore]
    public int SteadyEpoch => 1 + Math.Max(Math.Max(BetaWarmupEpochs, 0), Math.Max(MseWarmupEpochs, 0) + Math.Max(SpectralRampEpochs, 0));

    /// <summary>Throws <see cref="AscimlException"/> with one line naming the first value out of range.</summary>
    public void Validate()
    {
        Require(Beta >= 0 && double.IsFinite(Beta), $"beta {Beta} must be 0 or more");
        Require(BetaWarmupEpochs is >= 0 and <= 1_000_000, $"beta warm-up {BetaWarmupEpochs} is out of range: use 0..1000000 epochs");
        Require(StftWeight >= 0 && double.IsFinite(StftWeight), $"STFT loss weight {StftWeight} must be 0 or more");
        Require(SpectralWeight >= 0 && double.IsFinite(SpectralWeight), $"spectral loss weight {SpectralWeight} must be 0 or more");
        Require(MseWarmupEpochs is >= 0 and <= 1_000_000, $"MSE warm-up {MseWarmupEpochs} is out of range: use 0..1000000 epochs");
        Require(SpectralRampEpochs is >= 0 and <= 1_000_000, $"spectral ramp {SpectralRampEpochs} is out of range: use 0..1000000 epochs");
        Require(MseKeepWeight >= 0 && double.IsFinite(MseKeepWeight), $"kept MSE weight {MseKeepWeight} must be 0 or more");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new AscimlException(message);
        }
    }
}

/// <summary>
/// The weights of one epoch's loss terms for the waveform networks: MSE, spectral (linear + log magnitude),
/// the optional STFT distance, and β of the KL term.
/// </summary>
public sealed record LossWeights(double Mse, double Spectral, double Stft, double Beta);

/// <summary>
/// Loss values of a batch or an epoch (mean per clip). KL is the sum over latent dimensions. For the waveform
/// networks Reconstruction is the waveform MSE and Spectral the linear + log magnitude loss (0 while it is
/// off); the timbre family reports its spectral loss as Reconstruction.
/// </summary>
public sealed record LossValues(double Total, double Reconstruction, double Kl, double Stft, double Spectral = 0)
{
    public bool IsFinite => double.IsFinite(Total) && double.IsFinite(Reconstruction) && double.IsFinite(Kl) && double.IsFinite(Stft)
        && double.IsFinite(Spectral);
}

/// <summary>One finished epoch in the loss history (files written before Spectral existed read it as 0).</summary>
public sealed record EpochLosses(int Epoch, double Total, double Reconstruction, double Kl, double Stft, double Beta, double Spectral = 0)
{
    /// <summary>"epoch 20: loss 0.0123 (reconstruction 0.0121, KL 3.2, STFT 0.8)", spectral named when it counts.</summary>
    public string Describe() =>
        $"epoch {Epoch}: loss {Total:g4} (reconstruction {Reconstruction:g4}, KL {Kl:g4}, STFT {Stft:g4}" + (Spectral > 0 ? $", spectral {Spectral:g4})" : ")");

    /// <summary>What a loss chart draws of each epoch.</summary>
    public static IReadOnlyList<(int Epoch, double Total, double Reconstruction, double Kl)> Curve(IEnumerable<EpochLosses> history) =>
        [.. history.Select(e => (e.Epoch, e.Total, e.Reconstruction, e.Kl))];
}
