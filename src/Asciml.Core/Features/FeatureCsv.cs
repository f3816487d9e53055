using Asciml.Core.IO;

namespace Asciml.Core.Features;

/// <summary>
/// The features table as CSV, shared by `asciml features` and dataset export: the file, then the columns of
/// <see cref="FeatureDescriptor.All"/> (the first six are the command-line contract:
/// file,f0_hz,voiced_fraction,rms,spectral_centroid_hz,zero_crossing_rate), then the MFCCs. Missing values (no pitch,
/// no centroid) are empty cells; numbers round-trip in the invariant culture.
/// </summary>
public static class FeatureCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["file", .. FeatureDescriptor.All.Select(d => d.Key), .. Enumerable.Range(1, FeatureExtractor.MfccCount).Select(i => $"mfcc_{i}")];

    public static void Write(TextWriter writer, IEnumerable<(string File, SoundFeatures Features)> rows)
    {
        Csv.WriteLine(writer, Columns);
        foreach ((string file, SoundFeatures f) in rows)
        {
            Csv.WriteLine(writer, [file, .. FeatureDescriptor.All.Select(d => Csv.Number(d.Read(f))), .. f.Mfcc.Select(m => Csv.Number(m))]);
        }
    }
}
