using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Model.Creation;
using Asciml.Web.Components.Pages;
using Asciml.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Asciml.Web.Tests;

/// <summary>Issue 11, findings 2 and 6: web uploads of any count, each file's result listed, streamed to disk.</summary>
public sealed class UploadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-upload-tests-").FullName;
    private readonly Workspace _workspace;

    public UploadTests() => _workspace = Workspace.Open(_folder);

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static byte[] GoodWav(double f0Hz = 220) =>
        WavWriter.ToBytes(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = f0Hz }), WavSampleFormat.Pcm16);

    [Fact]
    public async Task MoreThanFiveHundredFilesAreEachListed()
    {
        // Before: selecting more than 500 files failed silently (maximumFileCount).
        _workspace.Groups.Create("many");
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddSingleton(_workspace);
        context.Services.AddSingleton<TrainingService>();
        context.Services.AddSingleton<ModelSessions>();
        context.Services.AddSingleton<GeneratedAudio>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        IRenderedComponent<Dataset> page = context.Render<Dataset>();
        OpenUploadTab(page);

        var files = Enumerable.Range(0, 520).Select(i => InputFileContent.CreateFromText("not audio", $"bad{i}.wav"))
            .Append(InputFileContent.CreateFromBinary(GoodWav(), "good.wav")).ToArray();
        page.FindComponent<InputFile>().UploadFiles(files);

        page.WaitForAssertion(() => Assert.Equal(521, page.FindAll("#upload-results li").Count), TimeSpan.FromMinutes(2));
        Assert.Contains("good.wav: added", page.Markup);
        Assert.Contains("bad519.wav: bad519.wav: truncated WAV header", page.Markup);
        Assert.Single(_workspace.Sounds.List());
        page.WaitForAssertion(() => Assert.Contains("many (1)", page.Markup));
    }

    [Fact]
    public async Task TheGroupCountFollowsEveryUploadedFile()
    {
        _workspace.Groups.Create("two");
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.Services.AddSingleton(_workspace);
        context.Services.AddSingleton<TrainingService>();
        context.Services.AddSingleton<ModelSessions>();
        context.Services.AddSingleton<GeneratedAudio>();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        IRenderedComponent<Dataset> page = context.Render<Dataset>();
        OpenUploadTab(page);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(GoodWav(110), "low.wav"), InputFileContent.CreateFromBinary(GoodWav(880), "high.wav"));
        page.WaitForAssertion(() => Assert.Contains("high.wav: added", page.Markup), TimeSpan.FromMinutes(1));
        Assert.Equal(2, _workspace.Sounds.List().Count);
        page.WaitForAssertion(() => Assert.Contains("two (2)", page.Markup), TimeSpan.FromSeconds(30));
    }

    /// <summary>The page loads in the background; click the Upload tab once it is there.</summary>
    private static void OpenUploadTab(IRenderedComponent<Dataset> page)
    {
        page.WaitForAssertion(() => page.FindAll(".mud-tab").First(tab => tab.TextContent.Trim() == "Upload").Click(), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => page.FindComponent<InputFile>(), TimeSpan.FromSeconds(30));
    }


}
