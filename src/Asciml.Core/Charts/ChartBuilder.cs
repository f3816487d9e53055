using System.Globalization;
using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Features;

namespace Asciml.Core.Charts;

/// <summary>A sound placed on a 2-D map (PCA of latents): what the latent-map chart needs.</summary>
public sealed record MapPoint2D(string SoundId, string Name, string GroupName, string Colour, double X, double Y);

/// <summary>
/// The charts of the program as renderer-neutral descriptions: the dataset views (from <see cref="DatasetViews"/>),
/// waveforms, loss curves and the latent map. Titles, axis titles with units (from <see cref="FeatureDescriptor"/>),
/// jitter and colours are decided here once.
/// </summary>
public static class ChartBuilder
{
    public const string Black = "#000000";

    /// <summary>Horizontal spread of a group's points around its column: golden-ratio steps, deterministic, within ±0.15.</summary>
    public static double Jitter(int index) => (((index * 0.618034) % 1) - 0.5) * 0.3;

    /// <summary>Where a group's mean ± std stands: beside its column of points, so it hides none of them.</summary>
    public const double MeanOffset = 0.3;

    public static Chart Dispersion(Dispersion dispersion)
    {
        var series = new List<Series>();
        for (int g = 0; g < dispersion.Groups.Count; g++)
        {
            GroupSpread group = dispersion.Groups[g];
            var points = dispersion.Points.Where(p => p.GroupName == group.GroupName).ToList();
            series.Add(new Series($"{group.GroupName} (n = {group.Count})", MarkKind.Points, group.GroupColour,
                [.. points.Select((_, i) => g + Jitter(i))], [.. points.Select(p => p.Value)])
            {
                SoundIds = [.. points.Select(p => p.SoundId)],
                HoverTexts = [.. points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.SoundName} · {p.GroupName}: {p.Value:0.###} {dispersion.Unit}").TrimEnd())],
                Size = 9,
                Opacity = 0.8,
            });
        }

        series.Add(new Series("group mean ± std", MarkKind.MeanAndSpread, Black,
            [.. dispersion.Groups.Select((_, g) => g + MeanOffset)], [.. dispersion.Groups.Select(g => g.Mean)])
        {
            Spread = [.. dispersion.Groups.Select(g => g.StandardDeviation)],
            Size = 10,
        });
        var x = new Axis("group")
        {
            TickValues = [.. dispersion.Groups.Select((_, g) => (double)g)],
            TickLabels = [.. dispersion.Groups.Select(g => g.GroupName)],
        };
        return new Chart($"{dispersion.Label} dispersion (black: group mean ± std)", x, new Axis(FeatureDescriptor.Find(dispersion.FeatureKey).AxisTitle), series);
    }

    public static Chart Envelopegram(Envelopegram gram)
    {
        var series = new List<Series>();
        foreach (GroupEnvelope group in gram.Groups)
        {
            series.Add(new Series($"{group.GroupName} ± std", MarkKind.Band, group.GroupColour, gram.FrameTimesSeconds,
                [.. group.Mean.Zip(group.StandardDeviation, (m, s) => m + s)])
            {
                Low = [.. group.Mean.Zip(group.StandardDeviation, (m, s) => Math.Max(0, m - s))],
                Opacity = 0.2,
                InLegend = false,
            });
            series.Add(new Series($"{group.GroupName} (n = {group.Count})", MarkKind.Line, group.GroupColour, gram.FrameTimesSeconds, group.Mean) { Size = 2 });
        }

        return new Chart("Envelopegram: mean RMS envelope per group (± std)", new Axis("time (s)"), new Axis("RMS"), series);
    }

    public static Chart Pca(PcaMap pca)
    {
        var series = pca.Points.GroupBy(p => (p.GroupName, p.GroupColour)).Select(group =>
            new Series(group.Key.GroupName, MarkKind.Points, group.Key.GroupColour, [.. group.Select(p => p.X)], [.. group.Select(p => p.Y)])
            {
                SoundIds = [.. group.Select(p => p.SoundId)],
                HoverTexts = [.. group.Select(p => $"{p.SoundName} · {p.GroupName}")],
                Size = 10,
            }).ToList();
        return new Chart("PCA of the standardized features",
            new Axis(string.Create(CultureInfo.InvariantCulture, $"PC1 ({pca.ExplainedVariance1:P0} of variance)")),
            new Axis(string.Create(CultureInfo.InvariantCulture, $"PC2 ({pca.ExplainedVariance2:P0} of variance)")), series);
    }

    public static Chart Histogram(Histogram histogram)
    {
        double width = histogram.BinEdges.Count > 1 ? histogram.BinEdges[1] - histogram.BinEdges[0] : 1;
        double[] centres = [.. histogram.BinEdges.Zip(histogram.BinEdges.Skip(1), (a, b) => (a + b) / 2)];
        var series = histogram.Groups.Select(group =>
            new Series(group.GroupName, MarkKind.Bars, group.GroupColour, centres, [.. group.Counts.Select(c => (double)c)]) { Opacity = 0.6, BarWidth = width }).ToList();
        return new Chart($"Histogram of {histogram.Label} (Freedman–Diaconis bins)", new Axis(FeatureDescriptor.Find(histogram.FeatureKey).AxisTitle), new Axis("sounds"), series)
        {
            HeightPixels = 280,
            OverlayBars = true,
        };
    }

    /// <summary>Signals over time (model inputs), each reduced to at most 2000 points so a page stays light.</summary>
    public static Chart Waveforms(string title, params (string Name, float[] Samples, string Colour)[] signals)
    {
        const int Points = 2000;
        var series = signals.Select(signal =>
        {
            int step = Math.Max(1, signal.Samples.Length / Points);
            int count = signal.Samples.Length / step;
            return new Series(signal.Name, MarkKind.Line, signal.Colour,
                [.. Enumerable.Range(0, count).Select(i => i * step / (double)ModelInputFormat.SampleRateHz)],
                [.. Enumerable.Range(0, count).Select(i => (double)signal.Samples[i * step])]) { Size = 1, Opacity = 0.8 };
        }).ToList();
        return new Chart(title, new Axis("time (s)"), new Axis("amplitude"), series) { HeightPixels = 260 };
    }

    /// <summary>What the loss chart shows, in one line under it.</summary>
    public const string LossExplanation =
        "Total = reconstruction + β·KL, with β tiny, so the two nearly coincide (total is the wide pale line). Reconstruction (left axis) says how far the model's copy is from your sound: it should fall fast, then flatten. " +
        "KL (right axis) says how tidy the latent map is; it often rises a little while reconstruction improves. " +
        "A good curve falls and levels off; a curve still falling steeply means more epochs would help.";

    /// <summary>
    /// Total and reconstruction on the left axis (same scale, total drawn thicker so the two stay visible), KL on its
    /// own right axis: its values are orders of magnitude larger. Null when there is no epoch yet (no empty chart).
    /// </summary>
    public static Chart? LossCurves(IReadOnlyList<(int Epoch, double Total, double Reconstruction, double Kl)> epochs, string title = "Loss per epoch")
    {
        if (epochs.Count == 0)
        {
            return null;
        }

        double[] x = [.. epochs.Select(e => (double)e.Epoch)];
        bool markers = epochs.Count < 30; // while the points are few, each epoch shows
        Series Curve(string name, string colour, IEnumerable<double> values) =>
            new(name, MarkKind.Line, colour, x, [.. values]) { Size = 2, WithMarkers = markers };
        Series[] series =
        [
            Curve("total", "#0072b2", epochs.Select(e => e.Total)) with { Size = 4, Opacity = 0.55 },
            Curve("reconstruction", "#009e73", epochs.Select(e => e.Reconstruction)),
            Curve("KL (right axis)", "#d55e00", epochs.Select(e => e.Kl)) with { Dotted = true, OnRightAxis = true },
        ];
        return new Chart(title, new Axis("epoch") { IntegerTicks = epochs.Count <= 10 }, new Axis("total and reconstruction loss") { FromZero = true }, series)
        {
            RightAxis = new Axis("KL divergence") { FromZero = true },
            LegendBelow = true,
        };
    }

    /// <summary>
    /// The latent map: one series per group in its colour, plus rings for A and B and a cross for the last clicked
    /// spot, so the page shows what is being morphed.
    /// </summary>
    public static Chart LatentMap(IReadOnlyList<MapPoint2D> sounds, string? a, string? b, (double X, double Y)? clicked)
    {
        var series = sounds.GroupBy(s => (s.GroupName, s.Colour)).Select(g =>
            new Series(g.Key.GroupName, MarkKind.Points, g.Key.Colour, [.. g.Select(s => s.X)], [.. g.Select(s => s.Y)])
            {
                SoundIds = [.. g.Select(s => s.SoundId)],
                HoverTexts = [.. g.Select(s => $"{s.Name} · {s.GroupName}")],
                Size = 11,
            }).ToList();
        foreach ((string? id, string label) in new[] { (a, "A"), (b, "B") })
        {
            if (sounds.FirstOrDefault(s => s.SoundId == id) is { } end)
            {
                series.Add(new Series($"{label}: {end.Name}", MarkKind.Points, Black, [end.X], [end.Y])
                {
                    SoundIds = [end.SoundId],
                    HoverTexts = [$"{label}: {end.Name} · {end.GroupName}"],
                    Text = label,
                    Shape = MarkerShape.Ring,
                    Size = 22,
                });
            }
        }

        if (clicked is (double cx, double cy))
        {
            series.Add(new Series("clicked point", MarkKind.Points, Black, [cx], [cy]) { Shape = MarkerShape.Cross, Size = 14 });
        }

        return new Chart("Latent space (PCA of latent means)", new Axis("component 1"), new Axis("component 2"), series) { HeightPixels = 460, ClickAnywhere = true };
    }
}
