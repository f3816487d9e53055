using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Evaluation;

/// <summary>
/// How close one output is to its original, by measures that silence cannot fool (definitions in
/// docs/QUALITY.md). All compare model inputs (16 kHz, one second).
/// </summary>
/// <param name="LogMagnitudeDb">Mean |dB(X) − dB(Y)| over STFT bins (1024 points, hop 256, Hann) where either is above the original's peak − 80 dB, both floored there.</param>
/// <param name="EnvelopeCorrelation">Pearson correlation of the RMS envelopes (1024-sample frames, hop 256).</param>
/// <param name="LevelErrorDb">20·log10(RMS(Y) / RMS(X)); −200 for digital silence.</param>
/// <param name="OriginalF0Hz">Median F0 of the original's voiced frames, null when it is unpitched.</param>
/// <param name="OutputF0Hz">The same for the output.</param>
/// <param name="CentroidErrorHz">|centroid(Y) − centroid(X)|, null when either has no centroid (silence).</param>
/// <param name="MultiResolutionStft">The training-style MR-STFT distance; rewards near-silence, so read it only beside a silent-output row.</param>
public sealed record QualityMeasures(
    double LogMagnitudeDb,
    double EnvelopeCorrelation,
    double LevelErrorDb,
    double? OriginalF0Hz,
    double? OutputF0Hz,
    double? CentroidErrorHz,
    double MultiResolutionStft)
{
    public const double FloorBelowPeakDb = 80;
    public const int FftSize = 1024;
    public const int HopSize = 256;

    /// <summary>Unpitched output for a pitched original counts as an octave off (1200 cents) in medians.</summary>
    public const double MissingPitchCents = 1200;

    /// <summary>|1200·log2(F0_out / F0_orig)| for a pitched original; <see cref="MissingPitchCents"/> when the output has no pitch.</summary>
    public double? F0ErrorCents => OriginalF0Hz is not { } original
        ? null
        : OutputF0Hz is { } output ? Math.Abs(1200 * Math.Log2(output / original)) : MissingPitchCents;

    public static QualityMeasures Compare(MonoAudio original, MonoAudio output)
    {
        float[] x = original.Samples, y = output.Samples;
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"original has {x.Length} samples, output {y.Length}");
        }

        SoundFeatures a = FeatureExtractor.Extract(x);
        SoundFeatures b = FeatureExtractor.Extract(y);
        double rmsX = FeatureExtractor.ClipRms(x), rmsY = FeatureExtractor.ClipRms(y);
        double level = rmsY <= 0 ? -200 : rmsX <= 0 ? 200 : 20 * Math.Log10(rmsY / rmsX);
        double stft;
        using (var scope = NewDisposeScope())
        {
            using StftDistance distance = Vae.MultiResolutionStft.Compare(tensor(y).unsqueeze(0), tensor(x).unsqueeze(0));
            stft = distance.Total().item<float>();
        }

        return new QualityMeasures(
            LogMagnitudeDistanceDb(x, y),
            ReconstructionMetrics.Correlation(a.RmsEnvelope, b.RmsEnvelope),
            level,
            ControlCurves.Extract(original).MedianF0Hz(),
            ControlCurves.Extract(output).MedianF0Hz(),
            a.SpectralCentroidHz is { } ca && b.SpectralCentroidHz is { } cb ? Math.Abs(cb - ca) : null,
            stft);
    }

    /// <summary>
    /// Mean absolute difference of STFT magnitudes in dB, each clamped from below at the original's peak bin
    /// minus <see cref="FloorBelowPeakDb"/>, averaged over the bins where either signal is above that floor:
    /// detail more than 80 dB under the original's loudest bin is not judged, empty bins do not dilute the mean
    /// (a pure tone fills few bins), a silent output scores the original's full height above the floor, and a
    /// hiss where the original is silent counts against the output.
    /// </summary>
    public static double LogMagnitudeDistanceDb(float[] original, float[] output)
    {
        using var scope = NewDisposeScope();
        Tensor window = hann_window(FftSize);
        Tensor Db(float[] samples) => stft(tensor(samples), FftSize, hop_length: HopSize, win_length: FftSize, window: window,
                center: false, onesided: true, return_complex: true).abs().add(1e-12).log10().mul(20);
        Tensor x = Db(original), y = Db(output);
        double floor = x.max().item<float>() - FloorBelowPeakDb;
        Tensor active = x.gt(floor).logical_or(y.gt(floor));
        long count = active.sum().item<long>();
        return count == 0 ? 0 : (x.clamp_min(floor) - y.clamp_min(floor)).abs().masked_select(active).mean().item<float>();
    }
}
