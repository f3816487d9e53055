using Asciml.Core.Synthesis;
using Asciml.Core.Workspace;
using Asciml.Web.Components.Pages;
using Asciml.Web.Components.Shared;
using Asciml.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Asciml.Web.Tests;

/// <summary>bUnit tests of pages and components against a real temporary workspace.</summary>
public sealed class ComponentTests : IDisposable
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
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public void Dispose()
    {
        _context.Dispose();
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void OverviewListsGroupsWithCountsAndSuggestsTheNextStep()
    {
        _workspace.AddSynthesized("bells", VariationGenerator.Render(SynthPresets.Find(SynthesisMethod.Fm, "bell").ToSettings(), 3, seed: 1));
        IRenderedComponent<Home> page = _context.Render<Home>();
        Assert.Contains("bells", page.Markup);
        Assert.Contains(">3<", page.Markup.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("Make at least a few dozen sounds", page.Markup);
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
        Group empty = _workspace.CreateGroup("empty");
        var service = new TrainingService(_workspace);
        var error = Assert.Throws<Asciml.Core.AscimlException>(() => service.Start(
            new Asciml.Model.Training.WorkspaceTrainingRequest([empty.Id], "lite", false, new Asciml.Model.Training.TrainingSettings { Epochs = 1 })));
        Assert.Contains("no sounds", error.Message);
    }

    [Fact]
    public void DispersionFigureMapsClickedPointsBackToSounds()
    {
        _workspace.AddSynthesized("a", VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Additive), 4, seed: 1));
        Figure figure = Figures.Dispersion(Asciml.Core.DatasetDesign.DatasetViews.CentroidDispersion(_workspace.Analyze()));
        string? first = figure.SoundAt(0, 0);
        Assert.NotNull(first);
        Assert.Equal(_workspace.ListSounds()[0].Id, first);
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
        Sound sound = _workspace.AddSynthesized("g", [VariationGenerator.Render(SynthSettings.Defaults(SynthesisMethod.Am), 1, seed: 1)[0]])[0];
        IRenderedComponent<WaveformThumbnail> thumbnail = _context.Render<WaveformThumbnail>(p => p.Add(c => c.SoundId, sound.Id).Add(c => c.Name, "am"));
        string path = thumbnail.Find("path").GetAttribute("d")!;
        Assert.Equal(120, path.Count(c => c == 'M'));
        Assert.Equal("Waveform of am", thumbnail.Find("svg").GetAttribute("aria-label"));
    }
}
