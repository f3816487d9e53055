using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
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
    public async Task ABadFileBesideAGoodOneIsListedAndTheGoodOneLands()
    {
        // Before: a bad file beside a good one added nothing and showed nothing.
        Group group = _workspace.Groups.Create("up");
        ImportOutcome good = await Uploads.ImportAsync(_workspace, group.Id, "good.wav", 1, _ => new MemoryStream(GoodWav()), Xunit.TestContext.Current.CancellationToken);
        ImportOutcome bad = await Uploads.ImportAsync(_workspace, group.Id, "bad.wav", 5, _ => new MemoryStream("hello"u8.ToArray()), Xunit.TestContext.Current.CancellationToken);
        ImportOutcome huge = await Uploads.ImportAsync(_workspace, group.Id, "huge.wav", AudioFileReader.MaxFileBytes + 1,
            _ => throw new InvalidOperationException("never opened"), Xunit.TestContext.Current.CancellationToken);

        Assert.NotNull(good.Sound);
        Assert.Equal("good", good.Sound!.Name);
        Assert.Null(bad.Sound);
        Assert.StartsWith("bad.wav: ", bad.Error);
        Assert.DoesNotContain("asciml-upload-", bad.Error); // the temporary path is not shown
        Assert.Contains("over the 200 MB limit", huge.Error);
        Assert.Single(_workspace.Sounds.List(group.Id));
        Assert.True(WorkspaceDoctor.Check(_workspace).IsConsistent);
    }

    [Fact]
    public async Task AnInterruptedUploadIsOneLineAndLeavesNothing()
    {
        Group group = _workspace.Groups.Create("up");
        ImportOutcome cut = await Uploads.ImportAsync(_workspace, group.Id, "cut.wav", 100, _ => new FailingStream(), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("cut.wav: upload interrupted (connection lost)", cut.Error);
        Assert.Empty(_workspace.Sounds.List());
    }

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

    [Fact]
    public async Task MemoryReturnsToBaselineAfterABigUpload()
    {
        // Before: a 199 MB upload left the server at 2.6 GB for good (a MemoryStream, then a copy of it, per file).
        Group group = _workspace.Groups.Create("big");
        string big = Path.Combine(_folder, "big.wav");
        const int frames = 199 * 1024 * 1024 / 4; // 16-bit stereo
        using (var file = new FileStream(big, FileMode.CreateNew))
        using (var writer = new BinaryWriter(file))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + (frames * 4));
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1);
            writer.Write((short)2);
            writer.Write(48_000);
            writer.Write(48_000 * 4);
            writer.Write((short)4);
            writer.Write((short)16);
            writer.Write("data"u8);
            writer.Write(frames * 4);
            byte[] second = new byte[48_000 * 4];
            for (int i = 0; i < 48_000; i++)
            {
                short v = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 48_000.0));
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(second.AsSpan(i * 4), v);
                System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(second.AsSpan((i * 4) + 2), v);
            }

            for (long written = 0; written < frames * 4L; written += second.Length)
            {
                writer.Write(second, 0, (int)Math.Min(second.Length, (frames * 4L) - written));
            }
        }

        long baseline = GC.GetTotalMemory(forceFullCollection: true);
        ImportOutcome outcome = await Uploads.ImportAsync(_workspace, group.Id, "big.wav", new FileInfo(big).Length,
            _ => new FileStream(big, FileMode.Open, FileAccess.Read), Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(outcome.Sound);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Xunit.TestContext.Current.TestOutputHelper?.WriteLine($"managed heap: {baseline / 1048576} MB before, {after / 1048576} MB after; committed {committed / 1048576} MB");
        Assert.True(after - baseline < 64L * 1024 * 1024, $"{(after - baseline) / 1048576} MB more after the upload");
        Assert.True(committed < 256L * 1024 * 1024, $"{committed / 1048576} MB still committed by the GC");
    }

    /// <summary>The page loads in the background; click the Upload tab once it is there.</summary>
    private static void OpenUploadTab(IRenderedComponent<Dataset> page)
    {
        page.WaitForAssertion(() => page.FindAll(".mud-tab").First(tab => tab.TextContent.Trim() == "Upload").Click(), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => page.FindComponent<InputFile>(), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TheSameFileTwiceIsSkippedNotImportedAgain()
    {
        Group group = _workspace.Groups.Create("twice");
        ImportOutcome first = await Uploads.ImportAsync(_workspace, group.Id, "a.wav", 1, _ => new MemoryStream(GoodWav()), Xunit.TestContext.Current.CancellationToken);
        ImportOutcome again = await Uploads.ImportAsync(_workspace, group.Id, "b.wav", 1, _ => new MemoryStream(GoodWav()), Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(first.Sound);
        Assert.StartsWith(ImportOutcome.SkippedPrefix, again.Error);
        Assert.True(again.Skipped);
        Assert.Single(_workspace.Sounds.List(group.Id));
    }

    private sealed class FailingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection lost");
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
