using System.Globalization;
using Asciml.Core;
using Asciml.Core.Charts;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Features;
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

    public static void SavePng(DatasetPlotKind kind, IReadOnlyList<AnalyzedSound> sounds, string path, string histogramFeature = FeatureDescriptor.SpectralCentroid)
    {
        if (sounds.Count == 0)
        {
            throw new AscimlException("the chosen groups have no sounds to plot");
        }

        Plot plot = kind switch
        {
            DatasetPlotKind.Table => Table(DatasetViews.Table(sounds)),
            DatasetPlotKind.Histogram => Draw(ChartBuilder.Histogram(DatasetViews.Histogram(sounds, histogramFeature))),
            DatasetPlotKind.F0 => Draw(ChartBuilder.Dispersion(DatasetViews.F0Dispersion(sounds))),
            DatasetPlotKind.Centroid => Draw(ChartBuilder.Dispersion(DatasetViews.CentroidDispersion(sounds))),
            DatasetPlotKind.Envelopegram => Draw(ChartBuilder.Envelopegram(DatasetViews.Envelopegram(sounds))),
            _ => Draw(ChartBuilder.Pca(DatasetViews.Pca(sounds))),
        };
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(WidthPixels, HeightPixels, ImageFormat.Png));
    }

    /// <summary>Draws the core's renderer-neutral <see cref="Chart"/> with ScottPlot: translation only.</summary>
    public static Plot Draw(Chart chart)
    {
        var plot = new Plot();
        foreach (Series s in chart.Series)
        {
            double[] x = [.. s.X];
            double[] y = [.. s.Y];
            Color colour = Color.FromHex(s.Colour);
            switch (s.Kind)
            {
                case MarkKind.Bars:
                    var bars = plot.Add.Bars(x, y);
                    bars.LegendText = s.Name;
                    foreach (Bar bar in bars.Bars)
                    {
                        bar.FillColor = colour.WithAlpha(s.Opacity);
                        bar.Size = s.BarWidth * 0.95;
                    }

                    break;
                case MarkKind.Band:
                    var band = plot.Add.FillY(x, [.. s.Low!], y);
                    band.FillColor = colour.WithAlpha(s.Opacity);
                    band.LineWidth = 0;
                    break;
                case MarkKind.Line:
                    var line = plot.Add.ScatterLine(x, y);
                    line.Color = colour.WithAlpha(s.Opacity);
                    line.LineWidth = (float)s.Size;
                    line.MarkerSize = s.WithMarkers ? (float)s.Size * 2 : 0;
                    line.LinePattern = s.Dotted ? LinePattern.Dotted : LinePattern.Solid;
                    line.LegendText = s.InLegend ? s.Name : "";
                    break;
                default:
                    if (s.Spread is not null)
                    {
                        plot.Add.ErrorBar(x, y, [.. s.Spread]).Color = colour;
                    }

                    var points = plot.Add.ScatterPoints(x, y);
                    points.Color = colour.WithAlpha(s.Opacity);
                    points.MarkerSize = (float)s.Size;
                    points.LegendText = s.InLegend ? s.Name : "";
                    break;
            }
        }

        if (chart.X.TickValues is { } ticks)
        {
            plot.Axes.Bottom.SetTicks([.. ticks], [.. chart.X.TickLabels!]);
        }

        plot.Title(chart.Title);
        plot.XLabel(chart.X.Title);
        plot.YLabel(chart.Y.Title);
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
