using Asciml.Core.Features;

namespace Asciml.Core.DatasetDesign;

/// <summary>A sound as the dataset views see it: who it is, which group, and its features.</summary>
public sealed record AnalyzedSound(string Id, string Name, string GroupName, string GroupColour, SoundFeatures Features);

/// <summary>A numeric feature the table, histograms and PCA can use, read from <see cref="SoundFeatures"/>.</summary>
public sealed record FeatureDescriptor(string Key, string Label, string Unit, Func<SoundFeatures, double?> Read)
{
    public static IReadOnlyList<FeatureDescriptor> All { get; } =
    [
        new("f0_hz", "F0", "Hz", f => f.F0Hz),
        new("voiced_fraction", "Voiced fraction", "", f => f.VoicedFraction),
        new("rms", "RMS", "", f => f.Rms),
        new("spectral_centroid_hz", "Spectral centroid", "Hz", f => f.SpectralCentroidHz),
        new("zero_crossing_rate", "Zero-crossing rate", "", f => f.ZeroCrossingRate),
        new("attack_time_s", "Attack time", "s", f => f.AttackTimeSeconds),
        new("spectral_bandwidth_hz", "Spectral bandwidth", "Hz", f => f.SpectralBandwidthHz),
        new("spectral_rolloff_hz", "Spectral roll-off", "Hz", f => f.SpectralRolloffHz),
        new("spectral_flatness", "Spectral flatness", "", f => f.SpectralFlatness),
    ];
}
