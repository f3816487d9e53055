using Asciml.Core.Storage;

namespace Asciml.Core.Tests.Reliability;

/// <summary>Issue 11, findings 7 and 8: doctor checks registered model files and removes leftovers of interrupted saves.</summary>
public sealed class DoctorModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-doctor-").FullName;
    private readonly Workspace _workspace;

    public DoctorModelTests() => _workspace = Workspace.Open(Path.Combine(_folder, "ws"));

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private ModelEntry Register(string name, string content)
    {
        string source = Path.Combine(_folder, name + ".asciml");
        File.WriteAllText(source, content);
        return _workspace.Models.Register(name, "lite", source, "{}", "{}");
    }

    private static string? Checker(string path) => File.ReadAllText(path) == "sound" ? null : "model file is damaged (checksum)";

    [Fact]
    public void AMissingModelFileIsAProblemAndRepairUnregistersIt()
    {
        ModelEntry kept = Register("kept", "sound");
        ModelEntry lost = Register("lost", "sound");
        File.Delete(_workspace.Models.FilePath(lost));

        DoctorReport report = WorkspaceDoctor.Check(_workspace, checkModelFile: Checker);
        Assert.False(report.IsConsistent);
        Assert.Contains(report.Problems, p => p.Contains($"model {lost.Id} ('lost') has no file"));

        DoctorReport repaired = WorkspaceDoctor.Check(_workspace, repair: true, checkModelFile: Checker);
        Assert.Contains(repaired.Repairs, r => r.Contains($"unregistered model {lost.Id}"));
        Assert.True(WorkspaceDoctor.Check(_workspace, checkModelFile: Checker).IsConsistent);
        Assert.Equal([kept.Id], _workspace.Models.List().Select(m => m.Id));
        Assert.Equal(kept.Id, _workspace.Models.Current?.Id);
    }

    [Fact]
    public void ADamagedModelFileIsAProblemThatRepairDoesNotDelete()
    {
        ModelEntry damaged = Register("damaged", "truncated");
        DoctorReport report = WorkspaceDoctor.Check(_workspace, repair: true, checkModelFile: Checker);
        Assert.Contains(report.Problems, p => p == $"model {damaged.Id} ('damaged'): model file is damaged (checksum)");
        Assert.True(File.Exists(_workspace.Models.FilePath(damaged)));
    }

    [Fact]
    public void LeftoversOfInterruptedModelSavesAreRemovedByRepair()
    {
        Register("kept", "sound");
        string leftover = Path.Combine(_workspace.ModelsFolder, $".m-123.asciml.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(leftover, "half");
        DoctorReport report = WorkspaceDoctor.Check(_workspace, checkModelFile: Checker);
        Assert.True(report.IsConsistent);
        Assert.Contains($"temporary file {leftover}", report.Leftovers);
        WorkspaceDoctor.Check(_workspace, repair: true, checkModelFile: Checker);
        Assert.False(File.Exists(leftover));
    }
}
