using System.Diagnostics;
using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Core.Tests.Audio;

namespace Asciml.Core.Tests.Reliability;

/// <summary>Issue 11, finding 2: one bad file must not take a batch down, and nothing may be left orphaned.</summary>
public sealed class BatchImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-batch-").FullName;
    private readonly Workspace _workspace;

    public BatchImportTests() => _workspace = Workspace.Open(Path.Combine(_folder, "ws"));

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Good(string name) =>
        Write(name, WavWriter.ToBytes(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = 220 }), WavSampleFormat.Pcm16));

    [Fact]
    public void FilesGoIntoAGroupByNameAndAGroupMadeOnlyForFailuresIsRemoved()
    {
        // Issue 12: `asciml import`'s group handling was the CLI's own.
        string text = Write("text.wav", "hello"u8.ToArray());
        (Group failed, IReadOnlyList<ImportOutcome> none) = SoundImport.FilesIntoGroup(_workspace, "new", [text]);
        Assert.Null(Assert.Single(none).Sound);
        Assert.Null(_workspace.Groups.FindByName("new")); // made for the failures only: removed again
        Assert.Null(_workspace.Groups.Find(failed.Id));

        Group kept = _workspace.Groups.Create("kept");
        SoundImport.FilesIntoGroup(_workspace, "kept", [text]);
        Assert.Equal(kept.Id, _workspace.Groups.FindByName("kept")!.Id); // it was there before: it stays, empty

        (Group target, IReadOnlyList<ImportOutcome> outcomes) = SoundImport.FilesIntoGroup(_workspace, null, [Good("a.wav"), text]);
        Assert.Equal(SoundImport.DefaultGroupName, target.Name);
        Assert.Equal("1 imported, 1 failed", ImportOutcome.Summary(outcomes));
        Assert.Equal(["a"], _workspace.Sounds.List(target.Id).Select(s => s.Name));
    }

    [Fact]
    public void EachFileImportsOrFailsOnItsOwn()
    {
        string first = Good("first.wav");
        string oneHertz = Write("one-hertz.wav", HostileAudioTests.WavAtRate(1, 140_000)); // gave OverflowException naming no file
        string huge = Write("huge-float.wav", TestWav.Build([0.1, 3e38, -3e38, 0.1], 16_000, bits: 32, floatingPoint: true));
        string text = Write("text.wav", "hello"u8.ToArray());
        string fifo = Path.Combine(_folder, "pipe.wav");
        using (Process mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
        }

        string missing = Path.Combine(_folder, "missing.wav");
        string last = Good("last.wav");
        Group group = _workspace.Groups.Create("batch");

        IReadOnlyList<ImportOutcome> outcomes = SoundImport.Files(_workspace, group.Id, [first, oneHertz, huge, text, fifo, missing, last]);

        Assert.Equal(["first", "last"], outcomes.Where(o => o.Sound is not null).Select(o => o.Sound!.Name));
        string[] errors = outcomes.Where(o => o.Sound is null).Select(o => o.Error!).ToArray();
        Assert.Equal(5, errors.Length);
        Assert.All(errors, e => Assert.DoesNotContain('\n', e));
        Assert.Contains("one-hertz.wav", errors[0]);
        Assert.Contains("sample rate of 1 Hz", errors[0]);
        Assert.Contains("huge-float.wav", errors[1]);
        Assert.Contains("far beyond full scale", errors[1]);
        Assert.Contains("text.wav", errors[2]);
        Assert.Contains("pipe.wav: is a named pipe", errors[3]);
        Assert.Contains("missing.wav: no such file", errors[4]);

        Assert.Equal(2, _workspace.Sounds.List(group.Id).Count);
        Assert.Equal(2, Directory.GetFiles(_workspace.SoundsFolder).Length);
        Assert.Equal(2, Directory.GetFiles(_workspace.OriginalsFolder).Length);
        DoctorReport report = WorkspaceDoctor.Check(_workspace);
        Assert.True(report.IsConsistent);
        Assert.Empty(report.Leftovers);
    }

    [Fact]
    public void AFailedBatchLeavesNoFilesBehind()
    {
        Group group = _workspace.Groups.Create("g");
        MonoAudio clip = ModelInput.FromAudio(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = 330 }));
        NewSound good = new(group.Id, "good", SoundSource.Uploaded, clip, [1, 2, 3], "good.wav");
        NewSound orphaned = new("no-such-group", "orphan", SoundSource.Uploaded, clip, [1, 2, 3], "orphan.wav");

        Assert.Throws<WorkspaceException>(() => _workspace.Sounds.AddRange([good, orphaned]));

        Assert.Empty(Directory.GetFiles(_workspace.SoundsFolder));
        Assert.Empty(Directory.GetFiles(_workspace.OriginalsFolder));
        Assert.Empty(_workspace.Sounds.List());
    }
}
