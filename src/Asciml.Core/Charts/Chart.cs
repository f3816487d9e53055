namespace Asciml.Core.Charts;

/// <summary>How a series is drawn.</summary>
public enum MarkKind
{
    /// <summary>A marker per point.</summary>
    Points,

    /// <summary>A line through the points.</summary>
    Line,

    /// <summary>A filled band between <see cref="Series.Low"/> and <see cref="Series.Y"/>.</summary>
    Band,

    /// <summary>Bars centred on X, <see cref="Series.BarWidth"/> wide.</summary>
    Bars,

    /// <summary>A marker per point with ± <see cref="Series.Spread"/> error bars.</summary>
    MeanAndSpread,
}

public enum MarkerShape
{
    Circle,

    /// <summary>An empty ring around a point (marks a chosen sound).</summary>
    Ring,

    /// <summary>A thin cross (marks a clicked spot).</summary>
    Cross,
}

/// <summary>
/// One series of a chart, in data units and colours only: each renderer (Plotly in the web, ScottPlot for PNGs)
/// maps it to its own objects. <see cref="SoundIds"/> and <see cref="HoverTexts"/> are per point.
/// </summary>
public sealed record Series(string Name, MarkKind Kind, string Colour, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    public IReadOnlyList<double>? Low { get; init; }

    public IReadOnlyList<double>? Spread { get; init; }

    public IReadOnlyList<string> SoundIds { get; init; } = [];

    public IReadOnlyList<string>? HoverTexts { get; init; }

    /// <summary>A label written beside the points (the A and B of the latent map).</summary>
    public string? Text { get; init; }

    /// <summary>Marker diameter or line width in pixels.</summary>
    public double Size { get; init; } = 8;

    public double Opacity { get; init; } = 1;

    public double BarWidth { get; init; } = 1;

    public bool InLegend { get; init; } = true;

    public bool Dotted { get; init; }

    /// <summary>A <see cref="MarkKind.Line"/> also marks each point.</summary>
    public bool WithMarkers { get; init; }

    public MarkerShape Shape { get; init; } = MarkerShape.Circle;

    /// <summary>Drawn against the chart's <see cref="Chart.RightAxis"/> (values of another scale).</summary>
    public bool OnRightAxis { get; init; }
}

/// <summary>An axis: its title (with the unit) and, for categories, the tick positions and their labels.</summary>
public sealed record Axis(string Title)
{
    public IReadOnlyList<double>? TickValues { get; init; }

    public IReadOnlyList<string>? TickLabels { get; init; }

    /// <summary>The range starts at zero (losses).</summary>
    public bool FromZero { get; init; }

    /// <summary>A tick on every integer (few epochs).</summary>
    public bool IntegerTicks { get; init; }
}

/// <summary>
/// A renderer-neutral chart: titles, axes with units, series with colours and per-point sound ids. Built once by
/// <see cref="ChartBuilder"/>, drawn by the web (Plotly) and by <c>asciml plot</c> (ScottPlot), so both show the same.
/// </summary>
public sealed record Chart(string Title, Axis X, Axis Y, IReadOnlyList<Series> Series)
{
    /// <summary>Height on a page; the PNG has its own fixed size.</summary>
    public int HeightPixels { get; init; } = 320;

    public Axis? RightAxis { get; init; }

    /// <summary>Clicks anywhere on the plot area are reported (the latent map), not only on points.</summary>
    public bool ClickAnywhere { get; init; }

    /// <summary>Bars of different series are drawn over each other (translucent), not side by side.</summary>
    public bool OverlayBars { get; init; }

    /// <summary>The legend goes under the chart (many or long series names).</summary>
    public bool LegendBelow { get; init; }
}
