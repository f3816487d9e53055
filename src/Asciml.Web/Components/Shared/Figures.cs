using Asciml.Core.DatasetDesign;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Asciml.Web.Components.Shared;

/// <summary>A Plotly figure plus, per trace, the sound id of each point (so a click can play the sound).</summary>
public sealed record Figure(IList<ITrace> Data, Plotly.Blazor.Layout Layout, IReadOnlyList<IReadOnlyList<string>> SoundIds)
{
    public string? SoundAt(int trace, int point) =>
        trace >= 0 && trace < SoundIds.Count && point >= 0 && point < SoundIds[trace].Count ? SoundIds[trace][point] : null;
}

/// <summary>Turns the core's plain view data into Plotly traces: presentation only, no analysis here.</summary>
public static class Figures
{
    public static Config Config { get; } = new() { Responsive = true, DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False };

    public static Plotly.Blazor.Layout Layout(string title, string xTitle, string yTitle, int height = 320) => new()
    {
        Title = new Title { Text = title },
        Height = height,
        Margin = new Margin { L = 60, R = 20, T = 40, B = 50 },
        XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = xTitle } }],
        YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle } }],
        HoverMode = HoverModeEnum.Closest,
    };

    public static Figure Dispersion(Dispersion dispersion)
    {
        var traces = new List<ITrace>();
        var ids = new List<IReadOnlyList<string>>();
        var groupNames = dispersion.Groups.Select(g => g.GroupName).ToList();
        foreach (GroupSpread group in dispersion.Groups)
        {
            var points = dispersion.Points.Where(p => p.GroupName == group.GroupName).ToList();
            int column = groupNames.IndexOf(group.GroupName);
            traces.Add(new Scatter
            {
                Name = group.GroupName,
                Mode = ModeFlag.Markers,
                X = points.Select((_, i) => (object)(column + Jitter(i))).ToList(),
                Y = points.Select(p => (object)p.Value).ToList(),
                HoverTextArray = points.Select(p => $"{p.SoundName} · {p.GroupName}").ToList(),
                HoverInfo = HoverInfoFlag.Text | HoverInfoFlag.Y,
                Marker = new Marker { Color = group.GroupColour, Size = 9, Opacity = 0.8m },
            });
            ids.Add(points.Select(p => p.SoundId).ToList());
        }

        traces.Add(new Scatter
        {
            Name = "group mean ± std",
            Mode = ModeFlag.Markers,
            X = dispersion.Groups.Select((_, i) => (object)i).ToList(),
            Y = dispersion.Groups.Select(g => (object)g.Mean).ToList(),
            ErrorY = new ErrorY { Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data, Array = dispersion.Groups.Select(g => (object)g.StandardDeviation).ToList(), Visible = true },
            Marker = new Marker { Color = "#000000", Size = 14, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.LineEwOpen },
        });
        ids.Add([]);
        Plotly.Blazor.Layout layout = Layout($"{dispersion.Label} dispersion", "group", Unit(dispersion.Label, dispersion.Unit));
        layout.XAxis[0].TickVals = dispersion.Groups.Select((_, i) => (object)i).ToList();
        layout.XAxis[0].TickText = groupNames.Cast<object>().ToList();
        return new Figure(traces, layout, ids);
    }

    public static Figure Envelopegram(Envelopegram gram)
    {
        var traces = new List<ITrace>();
        var ids = new List<IReadOnlyList<string>>();
        List<object> times = gram.FrameTimesSeconds.Select(t => (object)t).ToList();
        foreach (GroupEnvelope group in gram.Groups)
        {
            traces.Add(new Scatter
            {
                Name = $"{group.GroupName} − std",
                Mode = ModeFlag.Lines,
                X = times,
                Y = group.Mean.Zip(group.StandardDeviation, (m, s) => (object)Math.Max(0, m - s)).ToList(),
                Line = new Line { Color = group.GroupColour, Width = 0 },
                ShowLegend = false,
                HoverInfo = HoverInfoFlag.Skip,
            });
            traces.Add(new Scatter
            {
                Name = $"{group.GroupName} (n = {group.Count})",
                Mode = ModeFlag.Lines,
                X = times,
                Y = group.Mean.Zip(group.StandardDeviation, (m, s) => (object)(m + s)).ToList(),
                Fill = FillEnum.ToNextY,
                FillColor = group.GroupColour + "33",
                Line = new Line { Color = group.GroupColour, Width = 0 },
                ShowLegend = false,
                HoverInfo = HoverInfoFlag.Skip,
            });
            traces.Add(new Scatter
            {
                Name = $"{group.GroupName} (n = {group.Count})",
                Mode = ModeFlag.Lines,
                X = times,
                Y = group.Mean.Select(m => (object)m).ToList(),
                Line = new Line { Color = group.GroupColour, Width = 2 },
            });
            ids.AddRange([[], [], []]);
        }

        return new Figure(traces, Layout("Envelopegram: mean RMS envelope per group (± std)", "time (s)", "RMS"), ids);
    }

    public static Figure Pca(PcaMap pca)
    {
        var traces = new List<ITrace>();
        var ids = new List<IReadOnlyList<string>>();
        foreach (var group in pca.Points.GroupBy(p => (p.GroupName, p.GroupColour)))
        {
            traces.Add(new Scatter
            {
                Name = group.Key.GroupName,
                Mode = ModeFlag.Markers,
                X = group.Select(p => (object)p.X).ToList(),
                Y = group.Select(p => (object)p.Y).ToList(),
                HoverTextArray = group.Select(p => $"{p.SoundName} · {p.GroupName}").ToList(),
                HoverInfo = HoverInfoFlag.Text,
                Marker = new Marker { Color = group.Key.GroupColour, Size = 10 },
            });
            ids.Add(group.Select(p => p.SoundId).ToList());
        }

        return new Figure(traces, Layout("PCA of the features", $"PC1 ({pca.ExplainedVariance1:P0})", $"PC2 ({pca.ExplainedVariance2:P0})"), ids);
    }

    public static Figure Histogram(Asciml.Core.DatasetDesign.Histogram histogram)
    {
        var traces = new List<ITrace>();
        var centres = histogram.BinEdges.Zip(histogram.BinEdges.Skip(1), (a, b) => (object)((a + b) / 2)).ToList();
        foreach (GroupCounts group in histogram.Groups)
        {
            traces.Add(new Bar
            {
                Name = group.GroupName,
                X = centres,
                Y = group.Counts.Select(c => (object)c).ToList(),
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = group.GroupColour },
                Opacity = 0.6m,
            });
        }

        Plotly.Blazor.Layout layout = Layout($"Histogram of {histogram.Label}", Unit(histogram.Label, histogram.Unit), "sounds", 280);
        layout.BarMode = BarModeEnum.Overlay;
        return new Figure(traces, layout, histogram.Groups.Select(_ => (IReadOnlyList<string>)[]).ToList());
    }

    public static Figure Waveforms(string title, params (string Name, float[] Samples, string Colour)[] signals)
    {
        const int Points = 2000;
        var traces = new List<ITrace>();
        foreach ((string name, float[] samples, string colour) in signals)
        {
            int step = Math.Max(1, samples.Length / Points);
            traces.Add(new Scatter
            {
                Name = name,
                Mode = ModeFlag.Lines,
                X = Enumerable.Range(0, samples.Length / step).Select(i => (object)(i * step / 16000.0)).ToList(),
                Y = Enumerable.Range(0, samples.Length / step).Select(i => (object)samples[i * step]).ToList(),
                Line = new Line { Color = colour, Width = 1 },
                Opacity = 0.8m,
            });
        }

        return new Figure(traces, Layout(title, "time (s)", "amplitude", 260), signals.Select(_ => (IReadOnlyList<string>)[]).ToList());
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
    public static Figure? LossCurves(IReadOnlyList<(int Epoch, double Total, double Reconstruction, double Kl)> epochs, string title = "Loss per epoch")
    {
        if (epochs.Count == 0)
        {
            return null;
        }

        List<object> x = epochs.Select(e => (object)e.Epoch).ToList();
        ModeFlag mode = epochs.Count < 30 ? ModeFlag.Lines | ModeFlag.Markers : ModeFlag.Lines;
        IList<ITrace> traces =
        [
            new Scatter { Name = "total", Mode = mode, X = x, Y = epochs.Select(e => (object)e.Total).ToList(), Line = new Line { Color = "#0072b2", Width = 4 }, Opacity = 0.55m },
            new Scatter { Name = "reconstruction", Mode = mode, X = x, Y = epochs.Select(e => (object)e.Reconstruction).ToList(), Line = new Line { Color = "#009e73", Width = 2 } },
            new Scatter { Name = "KL (right axis)", Mode = mode, X = x, Y = epochs.Select(e => (object)e.Kl).ToList(), Line = new Line { Color = "#d55e00", Width = 2, Dash = "dot" }, YAxis = "y2" },
        ];
        Plotly.Blazor.Layout layout = Layout(title, "epoch", "total and reconstruction loss", 320);
        layout.Margin = new Margin { L = 70, R = 70, T = 40, B = 50 };
        layout.XAxis[0].DTick = epochs.Count <= 10 ? 1 : null;
        layout.YAxis[0].RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero;
        layout.YAxis.Add(new YAxis
        {
            Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = "KL divergence" },
            Overlaying = "y",
            Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right,
            ShowGrid = false,
            RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero,
        });
        layout.Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.25m }];
        return new Figure(traces, layout, [[], [], []]);
    }

    /// <summary>
    /// The latent map: one trace per group in its colour, plus rings for A and B and a cross for the last clicked
    /// spot, so the page shows what is being morphed.
    /// </summary>
    public static Figure LatentMap(IReadOnlyList<Asciml.Model.Creation.MapSound> sounds, string? a, string? b, (double X, double Y)? clicked)
    {
        var groups = sounds.GroupBy(s => (s.GroupName, s.Colour)).ToList();
        var traces = new List<ITrace>();
        var ids = new List<IReadOnlyList<string>>();
        foreach (var g in groups)
        {
            traces.Add(new Scatter
            {
                Name = g.Key.GroupName,
                Mode = ModeFlag.Markers,
                X = g.Select(s => (object)s.Point.X).ToList(),
                Y = g.Select(s => (object)s.Point.Y).ToList(),
                HoverTextArray = g.Select(s => $"{s.Name} · {s.GroupName}").ToList(),
                HoverInfo = HoverInfoFlag.Text,
                Marker = new Marker { Color = g.Key.Colour, Size = 11 },
            });
            ids.Add(g.Select(s => s.SoundId).ToList());
        }

        foreach ((string? id, string label) in new[] { (a, "A"), (b, "B") })
        {
            if (sounds.FirstOrDefault(s => s.SoundId == id) is { } end)
            {
                traces.Add(new Scatter
                {
                    Name = $"{label}: {end.Name}",
                    Mode = ModeFlag.Markers | ModeFlag.Text,
                    X = [end.Point.X],
                    Y = [end.Point.Y],
                    Text = label,
                    TextPosition = Plotly.Blazor.Traces.ScatterLib.TextPositionEnum.TopCenter,
                    TextFont = new Plotly.Blazor.Traces.ScatterLib.TextFont { Size = 16, Color = "#000000" },
                    HoverTextArray = [$"{label}: {end.Name} · {end.GroupName}"],
                    HoverInfo = HoverInfoFlag.Text,
                    Marker = new Marker { Color = "rgba(0,0,0,0)", Size = 22, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#000000", Width = 2.5m } },
                });
                ids.Add([end.SoundId]);
            }
        }

        if (clicked is (double cx, double cy))
        {
            traces.Add(new Scatter
            {
                Name = "clicked point",
                Mode = ModeFlag.Markers,
                X = [cx],
                Y = [cy],
                HoverInfo = HoverInfoFlag.Name,
                Marker = new Marker { Color = "#000000", Size = 14, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.XThin, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = "#000000", Width = 3 } },
            });
            ids.Add([]);
        }

        Plotly.Blazor.Layout layout = Layout("Latent space (PCA of latent means)", "component 1", "component 2", 460);
        layout.ClickMode = ClickModeFlag.Event;
        return new Figure(traces, layout, ids);
    }

    private static double Jitter(int index) => ((index * 0.618034) % 1 - 0.5) * 0.3;

    private static string Unit(string label, string unit) => unit.Length > 0 ? $"{label} ({unit})" : label;
}
