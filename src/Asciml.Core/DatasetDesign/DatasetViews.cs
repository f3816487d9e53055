using Asciml.Core.Features;
using MathNet.Numerics.LinearAlgebra;

namespace Asciml.Core.DatasetDesign;

/// <summary>Summary statistics of one feature in one group (the table view).</summary>
public sealed record FeatureSummary(string FeatureKey, string Label, string Unit, int Count, double? Mean, double? StandardDeviation, double? Minimum, double? Maximum);

/// <summary>One row group of the table view.</summary>
public sealed record GroupTable(string GroupName, string GroupColour, int SoundCount, IReadOnlyList<FeatureSummary> Features);

/// <summary>A histogram of one feature for one group; bin edges are shared by all groups so they can be overlaid.</summary>
public sealed record Histogram(string FeatureKey, string Label, string Unit, IReadOnlyList<double> BinEdges, IReadOnlyList<GroupCounts> Groups);

public sealed record GroupCounts(string GroupName, string GroupColour, IReadOnlyList<int> Counts);

/// <summary>Every sound's value of one feature plus its group's mean ± standard deviation (F0 and centroid dispersion).</summary>
public sealed record Dispersion(string FeatureKey, string Label, string Unit, IReadOnlyList<DispersionPoint> Points, IReadOnlyList<GroupSpread> Groups);

public sealed record DispersionPoint(string SoundId, string SoundName, string GroupName, string GroupColour, double Value);

public sealed record GroupSpread(string GroupName, string GroupColour, int Count, double Mean, double StandardDeviation);

/// <summary>The Envelopegram: per group, the mean ± standard deviation of its sounds' RMS envelopes, frame by frame.</summary>
public sealed record Envelopegram(IReadOnlyList<double> FrameTimesSeconds, IReadOnlyList<GroupEnvelope> Groups);

public sealed record GroupEnvelope(string GroupName, string GroupColour, int Count, IReadOnlyList<double> Mean, IReadOnlyList<double> StandardDeviation);

/// <summary>PCA of the standardized feature vectors: 2-D coordinates per sound, explained-variance ratios, loadings.</summary>
public sealed record PcaMap(IReadOnlyList<string> FeatureKeys, IReadOnlyList<PcaPoint> Points, double ExplainedVariance1, double ExplainedVariance2,
    IReadOnlyList<double> Loadings1, IReadOnlyList<double> Loadings2);

public sealed record PcaPoint(string SoundId, string SoundName, string GroupName, string GroupColour, double X, double Y);

/// <summary>
/// The six views of the dataset-design stage — table, histograms, F0 dispersion, spectral-centroid dispersion,
/// Envelopegram and PCA — computed from analysed sounds as plain data that the web and the PNG plots draw.
/// </summary>
public static class DatasetViews
{
    public static IReadOnlyList<GroupTable> Table(IReadOnlyList<AnalyzedSound> sounds) =>
        ByGroup(sounds).Select(g => new GroupTable(g.Key.Name, g.Key.Colour, g.Count(), FeatureDescriptor.All.Select(d =>
        {
            double[] values = g.Select(s => d.Read(s.Features)).OfType<double>().ToArray();
            return values.Length == 0
                ? new FeatureSummary(d.Key, d.Label, d.Unit, 0, null, null, null, null)
                : new FeatureSummary(d.Key, d.Label, d.Unit, values.Length, values.Average(), StandardDeviation(values), values.Min(), values.Max());
        }).ToList())).ToList();

    /// <summary>Histogram with the Freedman–Diaconis rule (bin width 2·IQR·n^(−1/3)), at most 40 bins, Sturges when the IQR is 0.</summary>
    public static Histogram Histogram(IReadOnlyList<AnalyzedSound> sounds, string featureKey)
    {
        FeatureDescriptor descriptor = FeatureDescriptor.Find(featureKey);
        double[] all = sounds.Select(s => descriptor.Read(s.Features)).OfType<double>().OrderBy(v => v).ToArray();
        if (all.Length == 0)
        {
            return new Histogram(descriptor.Key, descriptor.Label, descriptor.Unit, [], []);
        }

        double min = all[0], max = all[^1];
        int bins;
        double iqr = Quantile(all, 0.75) - Quantile(all, 0.25);
        if (max <= min)
        {
            bins = 1;
        }
        else if (iqr > 0)
        {
            double width = 2 * iqr / Math.Cbrt(all.Length);
            bins = Math.Clamp((int)Math.Ceiling((max - min) / width), 1, 40);
        }
        else
        {
            bins = (int)Math.Ceiling(Math.Log2(all.Length)) + 1;
        }

        double span = max > min ? max - min : 1;
        double[] edges = Enumerable.Range(0, bins + 1).Select(i => min + (span * i / bins)).ToArray();
        var groups = ByGroup(sounds).Select(g =>
        {
            var counts = new int[bins];
            foreach (double value in g.Select(s => descriptor.Read(s.Features)).OfType<double>())
            {
                counts[Math.Min(bins - 1, (int)((value - min) / span * bins))]++;
            }

            return new GroupCounts(g.Key.Name, g.Key.Colour, counts);
        }).ToList();
        return new Histogram(descriptor.Key, descriptor.Label, descriptor.Unit, edges, groups);
    }

    public static Dispersion F0Dispersion(IReadOnlyList<AnalyzedSound> sounds) => Dispersion(sounds, FeatureDescriptor.F0);

    public static Dispersion CentroidDispersion(IReadOnlyList<AnalyzedSound> sounds) => Dispersion(sounds, FeatureDescriptor.SpectralCentroid);

    public static Dispersion Dispersion(IReadOnlyList<AnalyzedSound> sounds, string featureKey)
    {
        FeatureDescriptor descriptor = FeatureDescriptor.Find(featureKey);
        var points = sounds.Where(s => descriptor.Read(s.Features) is not null)
            .Select(s => new DispersionPoint(s.Id, s.Name, s.GroupName, s.GroupColour, descriptor.Read(s.Features)!.Value)).ToList();
        var groups = points.GroupBy(p => (p.GroupName, p.GroupColour)).Select(g =>
        {
            double[] values = g.Select(p => p.Value).ToArray();
            return new GroupSpread(g.Key.GroupName, g.Key.GroupColour, values.Length, values.Average(), StandardDeviation(values));
        }).ToList();
        return new Dispersion(descriptor.Key, descriptor.Label, descriptor.Unit, points, groups);
    }

    public static Envelopegram Envelopegram(IReadOnlyList<AnalyzedSound> sounds)
    {
        int frames = sounds.Count == 0 ? 0 : sounds.Max(s => s.Features.RmsEnvelope.Count);
        double[] times = Enumerable.Range(0, frames).Select(FrameLayout.FrameTimeSeconds).ToArray();
        var groups = ByGroup(sounds).Select(g =>
        {
            var mean = new double[frames];
            var deviation = new double[frames];
            for (int frame = 0; frame < frames; frame++)
            {
                double[] values = g.Select(s => frame < s.Features.RmsEnvelope.Count ? s.Features.RmsEnvelope[frame] : 0).ToArray();
                mean[frame] = values.Average();
                deviation[frame] = StandardDeviation(values);
            }

            return new GroupEnvelope(g.Key.Name, g.Key.Colour, g.Count(), mean, deviation);
        }).ToList();
        return new Envelopegram(times, groups);
    }

    /// <summary>
    /// PCA via the SVD of the standardized feature matrix (MathNet). A feature missing for a sound (no pitch) takes
    /// the feature's mean, so the sound still gets a point; constant features are dropped.
    /// </summary>
    public static PcaMap Pca(IReadOnlyList<AnalyzedSound> sounds)
    {
        var usable = FeatureDescriptor.All
            .Select(d => (Descriptor: d, Values: sounds.Select(s => d.Read(s.Features)).ToArray()))
            .Where(c => c.Values.OfType<double>().Distinct().Count() > 1).ToList();
        if (sounds.Count < 2 || usable.Count < 2)
        {
            return new PcaMap([.. usable.Select(c => c.Descriptor.Key)], [.. sounds.Select(s => new PcaPoint(s.Id, s.Name, s.GroupName, s.GroupColour, 0, 0))], 0, 0, [], []);
        }

        Matrix<double> data = Matrix<double>.Build.Dense(sounds.Count, usable.Count);
        for (int column = 0; column < usable.Count; column++)
        {
            double[] present = usable[column].Values.OfType<double>().ToArray();
            double mean = present.Average();
            double deviation = StandardDeviation(present);
            for (int row = 0; row < sounds.Count; row++)
            {
                data[row, column] = ((usable[column].Values[row] ?? mean) - mean) / (deviation > 0 ? deviation : 1);
            }
        }

        var svd = data.Svd(computeVectors: true);
        double[] variances = svd.S.Select(s => s * s).ToArray();
        double total = variances.Sum();
        Matrix<double> components = svd.VT.SubMatrix(0, 2, 0, usable.Count).Transpose();
        Matrix<double> scores = data * components;
        var points = sounds.Select((s, i) => new PcaPoint(s.Id, s.Name, s.GroupName, s.GroupColour, scores[i, 0], scores[i, 1])).ToList();
        return new PcaMap([.. usable.Select(c => c.Descriptor.Key)], points,
            total > 0 ? variances[0] / total : 0, total > 0 && variances.Length > 1 ? variances[1] / total : 0,
            components.Column(0).ToArray(), components.Column(1).ToArray());
    }

    private static IEnumerable<IGrouping<(string Name, string Colour), AnalyzedSound>> ByGroup(IEnumerable<AnalyzedSound> sounds) =>
        sounds.GroupBy(s => (s.GroupName, s.GroupColour));

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lower = (int)Math.Floor(position);
        int upper = Math.Min(sorted.Length - 1, lower + 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
