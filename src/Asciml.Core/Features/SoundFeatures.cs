namespace Asciml.Core.Features;

/// <summary>
/// What one model-input clip sounds like, in numbers (definitions in PRODUCT.md and docs/FEATURES.md).
/// Values that do not exist for a clip — the pitch of noise, the centroid of silence — are null, never NaN.
/// </summary>
public sealed record SoundFeatures
{
    /// <summary>Median F0 over voiced frames (YIN); null when no frame is voiced.</summary>
    public double? F0Hz { get; init; }

    public double VoicedFraction { get; init; }

    /// <summary>Root mean square of the whole clip.</summary>
    public double Rms { get; init; }

    /// <summary>Mean over frames with RMS ≥ 1e-3 of the magnitude-weighted mean frequency; null when none qualifies.</summary>
    public double? SpectralCentroidHz { get; init; }

    public double ZeroCrossingRate { get; init; }

    /// <summary>Time from 10 % to 90 % of the RMS envelope's peak; 0 for silence.</summary>
    public double AttackTimeSeconds { get; init; }

    public double? SpectralBandwidthHz { get; init; }

    /// <summary>Frequency below which 85 % of the magnitude lies (mean over loud-enough frames).</summary>
    public double? SpectralRolloffHz { get; init; }

    /// <summary>Geometric / arithmetic mean of the power spectrum, 0 (tonal) .. 1 (white noise).</summary>
    public double? SpectralFlatness { get; init; }

    /// <summary>Means of the 13 MFCCs over all frames.</summary>
    public IReadOnlyList<double> Mfcc { get; init; } = [];

    /// <summary>RMS of each frame (1024 samples, hop 256): the clip's amplitude envelope.</summary>
    public IReadOnlyList<double> RmsEnvelope { get; init; } = [];
}
