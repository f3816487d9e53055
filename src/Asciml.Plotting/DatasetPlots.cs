using System.Globalization;
using Asciml.Core;
using Asciml.Core.DatasetDesign;
using Asciml.Core.IO;
using ScottPlot;

namespace Asciml.Plotting;

/// <summary>The kinds of picture `asciml plot` draws: the paper's six dataset views.</summary>
public enum DatasetPlotKind
{
    Table,
    Histogram,
    F0,
    Centroid,
    Envelopegram,
    Pca,
}

/// <summary>Draws the dataset views (computed by <see cref="DatasetViews"/>) as PNG files with the groups' colours.</summary>
public static class DatasetPlots
{
    public const int WidthPixels = 1000;
    public const int HeightPixels = 640;

    public static DatasetPlotKind ParseKind(string kind) =>
        Enum.TryParse(kind, ignoreCase: true, out DatasetPlotKind parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new AscimlException($"unknown plot '{kind}' (choose table, histogram, f0, centroid, envelopegram or pca)");

    public static void SavePng(DatasetPlotKind kind, IReadOnlyList<AnalyzedSound> sounds, string path, string histogramFeature = "spectral_centroid_hz")
    {
        if (sounds.Count == 0)
        {
            throw new AscimlException("the chosen groups have no sounds to plot");
        }

        Plot plot = kind switch
        {
            DatasetPlotKind.Table => Table(DatasetViews.Table(sounds)),
            DatasetPlotKind.Histogram => Histogram(DatasetViews.Histogram(sounds, histogramFeature)),
            DatasetPlotKind.F0 => Dispersion(DatasetViews.F0Dispersion(sounds)),
            DatasetPlotKind.Centroid => Dispersion(DatasetViews.CentroidDispersion(sounds)),
            DatasetPlotKind.Envelopegram => Envelopegram(DatasetViews.Envelopegram(sounds)),
            _ => Pca(DatasetViews.Pca(sounds)),
        };
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(WidthPixels, HeightPixels, ImageFormat.Png));
    }

    private static Color Colour(string hex) => Color.FromHex(hex);

    private static Plot Dispersion(Dispersion dispersion)
    {
        var plot = new Plot();
        for (int g = 0; g < dispersion.Groups.Count; g++)
        {
            GroupSpread group = dispersion.Groups[g];
            double[] values = dispersion.Points.Where(p => p.GroupName == group.GroupName).Select(p => p.Value).ToArray();
            double[] xs = values.Select((_, i) => g + ((((i * 0.618034) % 1) - 0.5) * 0.3)).ToArray();
            var points = plot.Add.ScatterPoints(xs, values);
            points.Color = Colour(group.GroupColour);
            points.MarkerSize = 8;
            points.LegendText = $"{group.GroupName} (n = {group.Count})";
            var bar = plot.Add.ErrorBar(new[] { g + 0.3 }, new[] { group.Mean }, new[] { group.StandardDeviation });
            bar.Color = Colors.Black;
            var mean = plot.Add.ScatterPoints(new[] { g + 0.3 }, new[] { group.Mean });
            mean.Color = Colors.Black;
            mean.MarkerSize = 10;
        }

        plot.Axes.Bottom.SetTicks(dispersion.Groups.Select((_, i) => (double)i).ToArray(), dispersion.Groups.Select(g => g.GroupName).ToArray());
        plot.Title($"{dispersion.Label} dispersion (black: group mean ± std)");
        plot.YLabel(dispersion.Unit.Length > 0 ? $"{dispersion.Label} ({dispersion.Unit})" : dispersion.Label);
        plot.ShowLegend();
        return plot;
    }

    private static Plot Envelopegram(Envelopegram gram)
    {
        var plot = new Plot();
        double[] times = gram.FrameTimesSeconds.ToArray();
        foreach (GroupEnvelope group in gram.Groups)
        {
            double[] low = group.Mean.Zip(group.StandardDeviation, (m, s) => Math.Max(0, m - s)).ToArray();
            double[] high = group.Mean.Zip(group.StandardDeviation, (m, s) => m + s).ToArray();
            var band = plot.Add.FillY(times, low, high);
            band.FillColor = Colour(group.GroupColour).WithAlpha(0.2);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(times, group.Mean.ToArray());
            line.Color = Colour(group.GroupColour);
            line.LineWidth = 2;
            line.LegendText = $"{group.GroupName} (n = {group.Count})";
        }

        plot.Title("Envelopegram: mean RMS envelope per group (± std)");
        plot.XLabel("time (s)");
        plot.YLabel("RMS");
        plot.ShowLegend();
        return plot;
    }

    private static Plot Pca(PcaMap pca)
    {
        var plot = new Plot();
        foreach (var group in pca.Points.GroupBy(p => (p.GroupName, p.GroupColour)))
        {
            var points = plot.Add.ScatterPoints(group.Select(p => p.X).ToArray(), group.Select(p => p.Y).ToArray());
            points.Color = Colour(group.Key.GroupColour);
            points.MarkerSize = 9;
            points.LegendText = group.Key.GroupName;
        }

        plot.Title("PCA of the standardized features");
        plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"PC1 ({pca.ExplainedVariance1:P0} of variance)"));
        plot.YLabel(string.Create(CultureInfo.InvariantCulture, $"PC2 ({pca.ExplainedVariance2:P0} of variance)"));
        plot.ShowLegend();
        return plot;
    }

    private static Plot Histogram(Histogram histogram)
    {
        var plot = new Plot();
        double width = histogram.BinEdges.Count > 1 ? histogram.BinEdges[1] - histogram.BinEdges[0] : 1;
        foreach (GroupCounts group in histogram.Groups)
        {
            var bars = plot.Add.Bars(histogram.BinEdges.Take(group.Counts.Count).Select(e => e + (width / 2)).ToArray(), group.Counts.Select(c => (double)c).ToArray());
            bars.LegendText = group.GroupName;
            foreach (Bar bar in bars.Bars)
            {
                bar.FillColor = Colour(group.GroupColour).WithAlpha(0.6);
                bar.Size = width * 0.95;
            }
        }

        plot.Title($"Histogram of {histogram.Label} (Freedman–Diaconis bins)");
        plot.XLabel(histogram.Unit.Length > 0 ? $"{histogram.Label} ({histogram.Unit})" : histogram.Label);
        plot.YLabel("sounds");
        plot.ShowLegend();
        return plot;
    }

    private static Plot Table(IReadOnlyList<GroupTable> tables)
    {
        var plot = new Plot();
        var lines = new List<string> { $"{"group",-16}{"feature",-24}{"n",5}{"mean",12}{"std",12}{"min",12}{"max",12}" };
        foreach (GroupTable table in tables)
        {
            foreach (FeatureSummary f in table.Features)
            {
                lines.Add($"{Truncate(table.GroupName, 15),-16}{Truncate(f.Label, 23),-24}{f.Count,5}{N(f.Mean),12}{N(f.StandardDeviation),12}{N(f.Minimum),12}{N(f.Maximum),12}");
            }
        }

        for (int i = 0; i < lines.Count; i++)
        {
            var text = plot.Add.Text(lines[i], 0, -i);
            text.LabelFontName = "DejaVu Sans Mono";
            text.LabelFontSize = 11;
            text.LabelBold = i == 0;
        }

        plot.Axes.Frameless();
        plot.HideGrid();
        plot.Axes.SetLimits(-0.02, 1, -lines.Count, 1);
        plot.Title("Feature table per group");
        return plot;
    }

    private static string N(double? value) => value is double v ? v.ToString(Math.Abs(v) >= 100 ? "0.0" : "0.####", CultureInfo.InvariantCulture) : "—";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
