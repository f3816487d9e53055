using Asciml.Core.DatasetDesign;
using Asciml.Core.Features;

namespace Asciml.Core.Tests.DatasetDesign;

public sealed class DatasetViewsTests
{
    private static AnalyzedSound Sound(string id, string group, double rms, double centroid, double? f0, double zcr) =>
        new(id, id, group, "#000000", new SoundFeatures
        {
            Rms = rms, SpectralCentroidHz = centroid, F0Hz = f0, ZeroCrossingRate = zcr, VoicedFraction = f0 is null ? 0 : 1,
            RmsEnvelope = Enumerable.Repeat(rms, 59).ToArray(),
        });

    [Fact]
    public void TableSummarisesEachGroup()
    {
        GroupTable table = DatasetViews.Table([Sound("a", "g", 0.1, 1000, 100, 0.1), Sound("b", "g", 0.3, 3000, null, 0.3)]).Single();
        FeatureSummary rms = table.Features.Single(f => f.FeatureKey == "rms");
        Assert.Equal(0.2, rms.Mean!.Value, 10);
        Assert.Equal(Math.Sqrt(0.02), rms.StandardDeviation!.Value, 10);
        Assert.Equal(1, table.Features.Single(f => f.FeatureKey == "f0_hz").Count);
    }

    [Fact]
    public void EnvelopegramIsTheMeanAndDeviationPerFrame()
    {
        Envelopegram gram = DatasetViews.Envelopegram([Sound("a", "g", 0.1, 1, 1, 0), Sound("b", "g", 0.3, 1, 1, 0)]);
        GroupEnvelope group = gram.Groups.Single();
        Assert.All(group.Mean, m => Assert.Equal(0.2, m, 10));
        Assert.InRange(gram.FrameTimesSeconds[0], 0.031, 0.033);
    }

    [Fact]
    public void PcaFindsTheDirectionOfTheCorrelatedFeatures()
    {
        // rms, centroid and zcr move together; the first component must explain nearly everything.
        var sounds = Enumerable.Range(0, 10).Select(i => Sound($"s{i}", i < 5 ? "a" : "b", 0.1 * (i + 1), 1000 * (i + 1), 200, 0.01 * (i + 1) + (i % 2 * 1e-4))).ToList();
        PcaMap map = DatasetViews.Pca(sounds);
        Assert.True(map.ExplainedVariance1 > 0.99);
        Assert.Equal(10, map.Points.Count);
        Assert.True(Math.Abs(map.Points[0].X - map.Points[9].X) > Math.Abs(map.Points[0].Y - map.Points[9].Y));
    }

    [Fact]
    public void HistogramCountsEverySoundOnce()
    {
        var sounds = Enumerable.Range(0, 30).Select(i => Sound($"s{i}", i % 3 == 0 ? "a" : "b", i / 30.0, 100, null, 0)).ToList();
        Histogram histogram = DatasetViews.Histogram(sounds, "rms");
        Assert.Equal(30, histogram.Groups.Sum(g => g.Counts.Sum()));
        Assert.Equal(histogram.BinEdges.Count - 1, histogram.Groups[0].Counts.Count);
        Assert.Throws<AscimlException>(() => DatasetViews.Histogram(sounds, "nonsense"));
    }
}
