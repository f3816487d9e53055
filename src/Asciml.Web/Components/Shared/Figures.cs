using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Asciml.Core.Charts;
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

/// <summary>Draws the core's renderer-neutral <see cref="Chart"/> with Plotly: translation only, every decision is in <see cref="ChartBuilder"/>.</summary>
public static class Figures
{
    public static Config Config { get; } = new() { Responsive = true, DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False };

    [return: NotNullIfNotNull(nameof(chart))]
    public static Figure? Draw(Chart? chart)
    {
        if (chart is null)
        {
            return null;
        }

        var traces = new List<ITrace>();
        var ids = new List<IReadOnlyList<string>>();
        foreach (Series series in chart.Series)
        {
            foreach (ITrace trace in Traces(series))
            {
                traces.Add(trace);
                ids.Add(series.SoundIds);
            }
        }

        return new Figure(traces, Layout(chart), ids);
    }

    private static IEnumerable<ITrace> Traces(Series s)
    {
        List<object> x = [.. s.X.Select(v => (object)v)];
        List<object> y = [.. s.Y.Select(v => (object)v)];
        switch (s.Kind)
        {
            case MarkKind.Bars:
                yield return new Bar { Name = s.Name, X = x, Y = y, Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = s.Colour }, Opacity = (decimal)s.Opacity };
                break;
            case MarkKind.Band:
                // Plotly fills between a trace and the one before it: an invisible lower edge, then the upper one.
                Line edge = new() { Color = s.Colour, Width = 0 };
                yield return new Scatter { Name = s.Name, Mode = ModeFlag.Lines, X = x, Y = [.. s.Low!.Select(v => (object)v)], Line = edge, ShowLegend = false, HoverInfo = HoverInfoFlag.Skip };
                yield return new Scatter
                {
                    Name = s.Name, Mode = ModeFlag.Lines, X = x, Y = y, Fill = FillEnum.ToNextY, Line = edge, ShowLegend = false, HoverInfo = HoverInfoFlag.Skip,
                    FillColor = s.Colour + ((int)Math.Round(s.Opacity * 255)).ToString("x2", CultureInfo.InvariantCulture),
                };
                break;
            case MarkKind.Line:
                yield return new Scatter
                {
                    Name = s.Name, Mode = s.WithMarkers ? ModeFlag.Lines | ModeFlag.Markers : ModeFlag.Lines, X = x, Y = y, Opacity = (decimal)s.Opacity,
                    Line = new Line { Color = s.Colour, Width = (decimal)s.Size, Dash = s.Dotted ? "dot" : null }, YAxis = s.OnRightAxis ? "y2" : null,
                    ShowLegend = s.InLegend ? null : false,
                };
                break;
            default:
                yield return new Scatter
                {
                    Name = s.Name, Mode = s.Text is null ? ModeFlag.Markers : ModeFlag.Markers | ModeFlag.Text, X = x, Y = y,
                    Text = s.Text, TextPosition = TextPositionEnum.TopCenter, TextFont = new TextFont { Size = 16, Color = s.Colour },
                    HoverTextArray = s.HoverTexts?.ToList(), HoverInfo = s.HoverTexts is null ? HoverInfoFlag.Name : HoverInfoFlag.Text,
                    Marker = Marker(s), Opacity = (decimal)s.Opacity,
                    ErrorY = s.Spread is null ? null : new ErrorY { Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data, Array = [.. s.Spread.Select(v => (object)v)], Visible = true },
                };
                break;
        }
    }

    private static Marker Marker(Series s) => s.Shape switch
    {
        MarkerShape.Ring => new Marker { Color = "rgba(0,0,0,0)", Size = (decimal)s.Size, Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = s.Colour, Width = 2.5m } },
        MarkerShape.Cross => new Marker
        {
            Color = s.Colour, Size = (decimal)s.Size, Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.XThin,
            Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Color = s.Colour, Width = 3 },
        },
        _ => new Marker { Color = s.Colour, Size = (decimal)s.Size },
    };

    private static Plotly.Blazor.Layout Layout(Chart chart)
    {
        var layout = new Plotly.Blazor.Layout
        {
            Title = new Title { Text = chart.Title },
            Height = chart.HeightPixels,
            Margin = new Margin { L = chart.RightAxis is null ? 60 : 70, R = chart.RightAxis is null ? 20 : 70, T = 40, B = 50 },
            XAxis =
            [
                new XAxis
                {
                    Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = chart.X.Title },
                    TickVals = chart.X.TickValues?.Cast<object>().ToList(),
                    TickText = chart.X.TickLabels?.Cast<object>().ToList(),
                    DTick = chart.X.IntegerTicks ? 1 : null,
                },
            ],
            YAxis = [YAxis(chart.Y)],
            HoverMode = HoverModeEnum.Closest,
            BarMode = chart.OverlayBars ? BarModeEnum.Overlay : null,
            ClickMode = chart.ClickAnywhere ? ClickModeFlag.Event : null,
            Legend = chart.LegendBelow ? [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.25m }] : null,
        };
        if (chart.RightAxis is { } right)
        {
            YAxis axis = YAxis(right);
            axis.Overlaying = "y";
            axis.Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right;
            axis.ShowGrid = false;
            layout.YAxis.Add(axis);
        }

        return layout;
    }

    private static YAxis YAxis(Axis axis) => new()
    {
        Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = axis.Title },
        RangeMode = axis.FromZero ? Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero : null,
    };
}
