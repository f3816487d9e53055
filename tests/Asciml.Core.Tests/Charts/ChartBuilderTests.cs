using Asciml.Core.Charts;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Features;

namespace Asciml.Core.Tests.Charts;

public sealed class ChartBuilderTests
{
    private static AnalyzedSound Sound(string id, string group, string colour, double centroid, double? f0) =>
        new(id, $"name {id}", group, colour, new SoundFeatures
        {
            Rms = 0.1, SpectralCentroidHz = centroid, F0Hz = f0, VoicedFraction = f0 is null ? 0 : 1, RmsEnvelope = Enumerable.Repeat(0.1, 59).ToArray(),
        });

    private static readonly IReadOnlyList<AnalyzedSound> Sounds =
    [
        Sound("a1", "bells", "#112233", 1000, 440), Sound("a2", "bells", "#112233", 1200, 450), Sound("a3", "bells", "#112233", 1100, null),
        Sound("b1", "drums", "#445566", 3000, null), Sound("b2", "drums", "#445566", 3500, null),
    ];

    [Fact]
    public void JitterIsDeterministicAndStaysInsideItsColumn()
    {
        double[] first = [.. Enumerable.Range(0, 200).Select(ChartBuilder.Jitter)];
        Assert.Equal(first, Enumerable.Range(0, 200).Select(ChartBuilder.Jitter));
        Assert.All(first, j => Assert.InRange(j, -0.15, 0.15));
        Assert.True(first.Distinct().Count() > 190); // points do not pile up on each other
        Assert.True(ChartBuilder.MeanOffset > 0.15); // the mean stands beside the points, not on them

        Chart twice = ChartBuilder.Dispersion(DatasetViews.CentroidDispersion(Sounds));
        Assert.Equal(twice.Series.Select(s => s.X), ChartBuilder.Dispersion(DatasetViews.CentroidDispersion(Sounds)).Series.Select(s => s.X));
    }

    [Fact]
    public void DispersionHasOneColumnPerGroupInItsColourAndTheSoundsToPlay()
    {
        Chart chart = ChartBuilder.Dispersion(DatasetViews.CentroidDispersion(Sounds));
        Assert.Equal("Spectral centroid (Hz)", chart.Y.Title);
        Assert.Equal(["bells", "drums"], chart.X.TickLabels);
        Series bells = chart.Series[0];
        Assert.Equal("#112233", bells.Colour);
        Assert.Equal(["a1", "a2", "a3"], bells.SoundIds);
        Assert.Equal([1000.0, 1200, 1100], bells.Y);
        Assert.All(bells.X, x => Assert.InRange(x, -0.15, 0.15));
        Assert.All(chart.Series[1].X, x => Assert.InRange(x, 0.85, 1.15));
        Assert.Equal("name a1 · bells: 1000 Hz", bells.HoverTexts![0]);
        Series means = chart.Series[^1];
        Assert.Equal(MarkKind.MeanAndSpread, means.Kind);
        Assert.Equal([1100.0, 3250], means.Y);
        Assert.Equal([ChartBuilder.MeanOffset, 1 + ChartBuilder.MeanOffset], means.X);

        // F0: unvoiced sounds have no point; the unit still comes from the descriptor table.
        Chart f0 = ChartBuilder.Dispersion(DatasetViews.F0Dispersion(Sounds));
        Assert.Equal(FeatureDescriptor.Find(FeatureDescriptor.F0).AxisTitle, f0.Y.Title);
        Assert.Equal(2, f0.Series[0].Y.Count);
    }

    [Fact]
    public void AxisTitlesTakeTheirUnitsFromTheDescriptorTable()
    {
        foreach (FeatureDescriptor d in FeatureDescriptor.All)
        {
            Chart histogram = ChartBuilder.Histogram(DatasetViews.Histogram(Sounds, d.Key));
            Assert.Equal(d.Unit.Length > 0 ? $"{d.Label} ({d.Unit})" : d.Label, histogram.X.Title);
            Assert.Contains(d.Label, histogram.Title, StringComparison.Ordinal);
        }

        Assert.Equal("RMS", FeatureDescriptor.Find("rms").AxisTitle);
        Assert.Throws<AscimlException>(() => FeatureDescriptor.Find("loudness"));
    }

    [Fact]
    public void EnvelopegramBandsSitBetweenMeanMinusAndPlusStd()
    {
        Chart chart = ChartBuilder.Envelopegram(DatasetViews.Envelopegram(Sounds));
        Assert.Equal(4, chart.Series.Count); // a band and a line per group
        Series band = chart.Series[0];
        Series line = chart.Series[1];
        Assert.Equal(MarkKind.Band, band.Kind);
        Assert.False(band.InLegend);
        Assert.Equal("bells (n = 3)", line.Name);
        Assert.All(band.Low!.Zip(line.Y, band.Y), t => Assert.True(t.First <= t.Second && t.Second <= t.Third));
    }

    [Fact]
    public void LossCurvesPutKlOnTheRightAxisAndWaitForTheFirstEpoch()
    {
        Assert.Null(ChartBuilder.LossCurves([]));
        Chart chart = ChartBuilder.LossCurves([(1, 0.12, 0.11, 250), (2, 0.09, 0.08, 300)])!;
        Assert.Equal("KL divergence", chart.RightAxis!.Title);
        Assert.Equal([false, false, true], chart.Series.Select(s => s.OnRightAxis));
        Assert.True(chart.X.IntegerTicks);
        Assert.All(chart.Series, s => Assert.True(s.WithMarkers));
    }

    [Fact]
    public void LatentMapMarksAAndBAndTheClickedSpot()
    {
        MapPoint2D[] points = [new("s1", "one", "g", "#123456", 0, 0), new("s2", "two", "g", "#123456", 1, 1)];
        Chart chart = ChartBuilder.LatentMap(points, "s1", "s2", (0.5, 0.5));
        Assert.True(chart.ClickAnywhere);
        Assert.Equal(["g", "A: one", "B: two", "clicked point"], chart.Series.Select(s => s.Name));
        Assert.Equal(["s1", "s2"], chart.Series[0].SoundIds);
        Assert.Equal(MarkerShape.Ring, chart.Series[1].Shape);
        Assert.Equal(MarkerShape.Cross, chart.Series[3].Shape);
    }
}
