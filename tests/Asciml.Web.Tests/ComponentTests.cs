using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Model.Creation;
using Asciml.Web.Components.Pages;
using Asciml.Web.Components.Shared;
using Asciml.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Asciml.Web.Tests;

/// <summary>bUnit tests of pages and components against a real temporary workspace.</summary>
public sealed class ComponentTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-bunit-").FullName;
    private readonly BunitContext _context = new();
    private readonly Workspace _workspace;

    public ComponentTests()
    {
        _workspace = Workspace.Open(_folder);
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(_workspace);
        _context.Services.AddSingleton<TrainingService>();
        _context.Services.AddSingleton<ModelSessions>();
        _context.Services.AddSingleton<GeneratedAudio>();
        _context.Services.AddSingleton<KeyboardRenders>();
        _context.Services.AddSingleton<OscHub>();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    // MudBlazor's key interceptor (used by the training page's controls) is only asynchronously disposable.
    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void OverviewListsGroupsWithCountsAndSuggestsTheNextStep()
    {
        SynthesizedSounds.AddTo(_workspace, _workspace.Groups.GetOrCreate("bells").Id, VariationGenerator.Render(SynthPresets.Find(SynthesisMethod.Fm, "bell").ToSettings(), 3, seed: 1));
        IRenderedComponent<Home> page = _context.Render<Home>();
        Assert.Contains("bells", page.Markup);
        Assert.Contains(">3<", page.Markup.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("Make at least a few dozen sounds", page.Markup);
    }

    [Fact]
    public async Task PlayWithoutAModelSaysWhatToDoAndStopsFollowingOscWhenClosed()
    {
        var hub = _context.Services.GetRequiredService<OscHub>();
        IRenderedComponent<Play> page = _context.Render<Play>();
        page.WaitForAssertion(() => Assert.Contains("No model yet", page.Markup));
        Assert.Contains("href=\"/training\"", page.Markup);
        Assert.Equal(1, hub.Subscribers); // the page follows OSC while it is open
        await _context.DisposeComponentsAsync();
        Assert.Equal(0, hub.Subscribers);
    }

    [Fact]
    public void EvaluationWithoutAModelSaysWhatToDo()
    {
        IRenderedComponent<Evaluation> page = _context.Render<Evaluation>();
        page.WaitForAssertion(() => Assert.Contains("No model yet", page.Markup));
        Assert.Contains("href=\"/training\"", page.Markup);
    }

    [Fact]
    public void SoundPlayerIsLabelledForScreenReaders()
    {
        IRenderedComponent<SoundPlayer> player = _context.Render<SoundPlayer>(p => p.Add(c => c.Source, "/audio/sounds/s-1.wav").Add(c => c.Label, "Play kick"));
        Assert.Equal("Play kick", player.Find("audio").GetAttribute("aria-label"));
        Assert.Equal("/audio/sounds/s-1.wav", player.Find("audio").GetAttribute("src"));
    }

    [Fact]
    public void TrainingRefusesAnEmptyGroupWithAClearMessage()
    {
        Group empty = _workspace.Groups.Create("empty");
        var service = new TrainingService(_workspace);
        var error = Assert.Throws<Asciml.Core.AscimlException>(() => service.Start(
            new Asciml.Model.Training.TrainingPlan([empty.Id], null, "lite", new Asciml.Model.Training.TrainingSettings { Epochs = 1 })));
        Assert.Contains("no sounds", error.Message);
    }

    [Fact]
    public void TrainingNeverTicksAnEmptyGroupAndSurvivesAFailedStart()
    {
        Group empty = _workspace.Groups.Create("empty");
        var full = SynthesizedSounds.AddTo(_workspace, _workspace.Groups.GetOrCreate("full").Id, VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Fm), 2, seed: 1));
        IRenderedComponent<Training> page = _context.Render<Training>();
        AngleSharp.Dom.IElement EmptyBox() => page.FindAll("label").First(l => l.TextContent.Contains("empty (empty)", StringComparison.Ordinal)).QuerySelector("input")!;
        Assert.False(EmptyBox().HasAttribute("checked"));
        Assert.True(EmptyBox().HasAttribute("disabled"));
        Assert.Contains("full (2 sounds)", page.Markup);

        // The ticked group loses its sounds behind the page's back: Start is refused, the page says why and keeps working.
        foreach (Sound sound in full)
        {
            _workspace.Sounds.Delete(sound.Id);
        }

        for (int attempt = 0; attempt < 2; attempt++)
        {
            page.FindAll("button").First(b => b.TextContent.Contains("Start training", StringComparison.Ordinal)).Click();
            page.WaitForAssertion(() => Assert.Contains("Training could not start", page.Find("#training-start-error").TextContent));
        }

        Assert.Contains("no sounds", page.Find("#training-start-error").TextContent);
        Assert.NotNull(empty);
    }

    [Fact]
    public void LossChartWaitsForTheFirstEpochAndPutsKlOnItsOwnAxis()
    {
        Assert.Null(Figures.Draw(Asciml.Core.Charts.ChartBuilder.LossCurves([])));
        Figure figure = Figures.Draw(Asciml.Core.Charts.ChartBuilder.LossCurves([(1, 0.12, 0.11, 250), (2, 0.09, 0.08, 300)]))!;
        Assert.Equal(2, figure.Layout.YAxis.Count);
        var kl = Assert.IsType<Plotly.Blazor.Traces.Scatter>(figure.Data[2]);
        Assert.Equal("y2", kl.YAxis);
        Assert.Null(((Plotly.Blazor.Traces.Scatter)figure.Data[0]).YAxis);
    }

    [Fact]
    public void LabelledSliderAnnouncesItsValueWithTheUnit()
    {
        IRenderedComponent<LabelledSlider> slider = _context.Render<LabelledSlider>(p => p
            .Add(c => c.Label, "Carrier").Add(c => c.Value, 220).Add(c => c.Min, 20).Add(c => c.Max, 2000)
            .Add(c => c.Format, v => $"{v:0} Hz"));
        AngleSharp.Dom.IElement input = slider.Find("input[type=range]");
        Assert.Equal("Carrier", input.GetAttribute("aria-label"));
        Assert.Equal("220 Hz", input.GetAttribute("aria-valuetext"));
        input.Input("440");
        Assert.Equal("440 Hz", slider.Find("input[type=range]").GetAttribute("aria-valuetext"));
    }

    [Theory]
    [InlineData(false, 122, 128)]
    [InlineData(true, 61, 32)]
    public void SpectrogramIsABitmapOfFramesByBands(bool compact, int width, int height)
    {
        float[] tone = Enumerable.Range(0, 16000).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / 16000))).ToArray();
        IRenderedComponent<SpectrogramImage> image = _context.Render<SpectrogramImage>(p => p.Add(c => c.Samples, tone).Add(c => c.Label, "tone").Add(c => c.Compact, compact));
        string source = image.Find("img").GetAttribute("src")!;
        Assert.StartsWith("data:image/bmp;base64,", source, StringComparison.Ordinal);
        byte[] bmp = Convert.FromBase64String(source["data:image/bmp;base64,".Length..]);
        Assert.Equal(width, BitConverter.ToInt32(bmp, 18));
        Assert.Equal(height, BitConverter.ToInt32(bmp, 22));
        Assert.Equal(bmp.Length, BitConverter.ToInt32(bmp, 2));
        Assert.StartsWith("Spectrogram of tone", image.Find("img").GetAttribute("alt"), StringComparison.Ordinal);
    }

    [Fact]
    public void DispersionFigureMapsClickedPointsBackToSounds()
    {
        SynthesizedSounds.AddTo(_workspace, _workspace.Groups.GetOrCreate("a").Id, VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Additive), 4, seed: 1));
        Figure figure = Figures.Draw(Asciml.Core.Charts.ChartBuilder.Dispersion(DatasetViews.CentroidDispersion(DatasetAnalysis.Analyze(_workspace))));
        string? first = figure.SoundAt(0, 0);
        Assert.NotNull(first);
        Assert.Equal(_workspace.Sounds.List()[0].Id, first);
        Assert.Null(figure.SoundAt(5, 0));
    }
}

public sealed class WaveformThumbnailTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-thumb-").FullName;
    private readonly BunitContext _context = new();
    private readonly Workspace _workspace;

    public WaveformThumbnailTests()
    {
        _workspace = Workspace.Open(_folder);
        _context.Services.AddSingleton(_workspace);
    }

    public void Dispose()
    {
        _context.Dispose();
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void DrawsOneColumnPerSliceOfTheClip()
    {
        Sound sound = SynthesizedSounds.AddTo(_workspace, _workspace.Groups.GetOrCreate("g").Id, [VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Am), 1, seed: 1)[0]])[0];
        IRenderedComponent<WaveformThumbnail> thumbnail = _context.Render<WaveformThumbnail>(p => p.Add(c => c.SoundId, sound.Id).Add(c => c.Name, "am"));
        string path = thumbnail.Find("path").GetAttribute("d")!;
        Assert.Equal(120, path.Count(c => c == 'M'));
        Assert.Equal("Waveform of am", thumbnail.Find("svg").GetAttribute("aria-label"));
    }
}
