namespace Asciml.Core.Features;

/// <summary>
/// The one table of the scalar features: key (CSV column, CLI name), label and unit (chart axes, web table), and how
/// to read it from <see cref="SoundFeatures"/>. The features CSV, the dataset views, the web and the PNG plots all
/// take their columns, titles and units from here.
/// </summary>
public sealed record FeatureDescriptor(string Key, string Label, string Unit, Func<SoundFeatures, double?> Read)
{
    /// <summary>In the order of the CSV contract (file,f0_hz,voiced_fraction,rms,spectral_centroid_hz,zero_crossing_rate first).</summary>
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

    public const string F0 = "f0_hz";
    public const string SpectralCentroid = "spectral_centroid_hz";

    /// <summary>The descriptor of <paramref name="key"/>; an unknown key is bad input naming the known ones.</summary>
    public static FeatureDescriptor Find(string key) =>
        All.FirstOrDefault(d => d.Key == key)
        ?? throw new AscimlException($"unknown feature '{key}' (known: {string.Join(", ", All.Select(d => d.Key))})");

    /// <summary>"Label (unit)" for an axis or a column; the label alone for unitless features.</summary>
    public string AxisTitle => Unit.Length > 0 ? $"{Label} ({Unit})" : Label;
}
