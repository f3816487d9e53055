using System.Globalization;

namespace Asciml.Core.Features;

/// <summary>
/// The features table as CSV, shared by `asciml features` and dataset export. The first six columns are the
/// command-line contract (file,f0_hz,voiced_fraction,rms,spectral_centroid_hz,zero_crossing_rate); missing values
/// (no pitch, no centroid) are empty cells; numbers use the invariant culture.
/// </summary>
public static class FeatureCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "file", "f0_hz", "voiced_fraction", "rms", "spectral_centroid_hz", "zero_crossing_rate",
        "attack_time_s", "spectral_bandwidth_hz", "spectral_rolloff_hz", "spectral_flatness",
        .. Enumerable.Range(1, FeatureExtractor.MfccCount).Select(i => $"mfcc_{i}"),
    ];

    public static void Write(TextWriter writer, IEnumerable<(string File, SoundFeatures Features)> rows)
    {
        writer.WriteLine(string.Join(',', Columns));
        foreach ((string file, SoundFeatures f) in rows)
        {
            IEnumerable<string> cells =
            [
                Quote(file), Number(f.F0Hz), Number(f.VoicedFraction), Number(f.Rms), Number(f.SpectralCentroidHz),
                Number(f.ZeroCrossingRate), Number(f.AttackTimeSeconds), Number(f.SpectralBandwidthHz),
                Number(f.SpectralRolloffHz), Number(f.SpectralFlatness), .. f.Mfcc.Select(m => Number(m)),
            ];
            writer.WriteLine(string.Join(',', cells));
        }
    }

    private static string Number(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
