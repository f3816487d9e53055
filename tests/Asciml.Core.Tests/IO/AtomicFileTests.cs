using Asciml.Core.Audio;
using Asciml.Core.IO;
using Asciml.Core.Storage;
using WorkspaceFolder = Asciml.Core.Storage.Workspace;

namespace Asciml.Core.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WritesTheWholeFileAndCreatesItsFolder()
    {
        string path = Path.Combine(_folder, "new", "deeper", "out.bin");
        AtomicFile.WriteAllBytes(path, [1, 2, 3]);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        AtomicFile.Write(path, stream => stream.Write([4, 5]));
        Assert.Equal([4, 5], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void AnExceptionMidWriteLeavesTheOldFileAndNoTemporary()
    {
        string path = Path.Combine(_folder, "kept.wav");
        File.WriteAllBytes(path, [9, 9, 9]);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[4096]); // half a new file is on disk when the writer fails
            throw new InvalidOperationException("disk full");
        }));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteVia(path, temporary =>
        {
            File.WriteAllBytes(temporary, [1]);
            throw new InvalidOperationException("the external program failed");
        }));
        Assert.Equal([9, 9, 9], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void EveryWriterUsesTheOnePattern()
    {
        string temporary = AtomicFile.TemporaryPathFor(Path.Combine(_folder, "model.asciml"));
        Assert.Equal(_folder, Path.GetDirectoryName(temporary));
        Assert.StartsWith(".model.asciml.", Path.GetFileName(temporary), StringComparison.Ordinal);
        Assert.True(AtomicFile.IsTemporary(temporary));

        // A writer that only takes a path (an external program) writes the temporary name it is given.
        string seen = "";
        AtomicFile.WriteVia(Path.Combine(_folder, "speech.wav"), path =>
        {
            seen = path;
            File.WriteAllText(path, "RIFF");
        });
        Assert.True(AtomicFile.IsTemporary(seen));
        Assert.Equal("RIFF", File.ReadAllText(Path.Combine(_folder, "speech.wav")));

        foreach (string other in new[] { "model.asciml", ".hidden", ".x.tmp", ".tmp-123", "a.1234.tmp", $"x.{Guid.NewGuid():N}.tmp", $".x.{Guid.NewGuid():N}.tmp.png", $".x.{Guid.NewGuid().ToString("N")[..30]}.tmp" })
        {
            Assert.False(AtomicFile.IsTemporary(other), other);
        }
    }

    [Fact]
    public void RemoveStaleKeepsYoungTemporariesOfASaveInProgress()
    {
        string stale = AtomicFile.TemporaryPathFor(Path.Combine(_folder, "m.asciml"));
        string young = AtomicFile.TemporaryPathFor(Path.Combine(_folder, "m.asciml"));
        string otherTarget = AtomicFile.TemporaryPathFor(Path.Combine(_folder, "n.asciml"));
        foreach (string path in new[] { stale, young, otherTarget })
        {
            File.WriteAllText(path, "x");
        }

        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - TimeSpan.FromHours(1));
        File.SetLastWriteTimeUtc(otherTarget, DateTime.UtcNow - TimeSpan.FromHours(1));
        Assert.Equal([stale], AtomicFile.RemoveStale(_folder, "m.asciml", TimeSpan.FromMinutes(1)));
        Assert.True(File.Exists(young));
        Assert.True(File.Exists(otherTarget));
    }

    [Fact]
    public void TheDoctorFindsAndRemovesLeftoversOfThePattern()
    {
        using WorkspaceFolder workspace = WorkspaceFolder.Open(Path.Combine(_folder, "ws"));
        Group group = workspace.Groups.Create("g");
        Sound sound = workspace.Sounds.Add(new NewSound(group.Id, "kept", SoundSource.Recorded, new MonoAudio(new float[ModelInputFormat.LengthSamples], ModelInputFormat.SampleRateHz)));

        // What a kill between write and rename leaves: a temporary named after a real sound's file and a model's.
        string clipLeftover = AtomicFile.TemporaryPathFor(workspace.Sounds.ClipPath(sound.Id));
        string modelLeftover = AtomicFile.TemporaryPathFor(Path.Combine(workspace.ModelsFolder, "m-1.asciml"));
        File.WriteAllText(clipLeftover, "half");
        File.WriteAllText(modelLeftover, "half");

        DoctorReport found = WorkspaceDoctor.Check(workspace);
        Assert.True(found.IsConsistent);
        Assert.Equal(new[] { $"temporary file {clipLeftover}", $"temporary file {modelLeftover}" }.Order(), found.Leftovers.Order());
        DoctorReport repaired = WorkspaceDoctor.Check(workspace, repair: true);
        Assert.Equal(2, repaired.Repairs.Count);
        Assert.False(File.Exists(clipLeftover));
        Assert.False(File.Exists(modelLeftover));
        Assert.True(File.Exists(workspace.Sounds.ClipPath(sound.Id)));
        Assert.Empty(WorkspaceDoctor.Check(workspace).Leftovers);
    }

    [Fact]
    public void AnOutputsFolderIsCreatedOrRefusedInOneLine()
    {
        string path = Path.Combine(_folder, "new", "deeper", "out.wav");
        AtomicFile.CreateFolderOf(path);
        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
        AtomicFile.CreateFolderOf("relative.wav"); // the current folder: nothing to make

        string file = Path.Combine(_folder, "a-file");
        File.WriteAllText(file, "");
        var error = Assert.Throws<AscimlException>(() => AtomicFile.CreateFolderOf(Path.Combine(file, "out.wav")));
        Assert.StartsWith($"--out {Path.Combine(file, "out.wav")}: cannot create its folder (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
