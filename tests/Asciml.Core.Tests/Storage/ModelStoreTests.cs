using Asciml.Core.Storage;

namespace Asciml.Core.Tests.Storage;

public sealed class ModelStoreTests : TemporaryWorkspace
{
    private string ModelFile(string name, byte[] content)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void ModelsRoundTripThroughRegisterGetListAndCurrent()
    {
        ModelStore models = Workspace.Models;
        Assert.Null(models.Current);
        ModelEntry first = models.Register(" first ", "lite", ModelFile("a.ascm", [1, 2]), """{"epochs":1}""", "{}");
        ModelEntry second = models.Register("second", "paper", ModelFile("b.ascm", [3]), "{}", """{"from":"x"}""");

        Assert.Equal("first", first.Name);
        Assert.Equal(first, models.Get(first.Id));
        Assert.Equal([second.Id, first.Id], models.List().Select(m => m.Id)); // newest first
        Assert.Equal(Path.Combine(Workspace.ModelsFolder, second.Id + ".ascm"), models.FilePath(second));
        Assert.Equal([3], File.ReadAllBytes(models.FilePath(second)));
        Assert.Equal(second.Id, models.Current!.Id); // registering makes a model current

        models.SetCurrent(first.Id);
        Assert.Equal(first, models.Current);
        using var reopened = Workspace.Open(Folder);
        Assert.Equal(first, reopened.Models.Current);
    }

    [Fact]
    public void AnUnknownModelIsNotFoundInOneLineAndTheCurrentOneStays()
    {
        ModelEntry only = Workspace.Models.Register("only", "lite", ModelFile("a.ascm", [1]), "{}", "{}");
        var error = Assert.Throws<WorkspaceException>(() => Workspace.Models.SetCurrent("m-nope"));
        Assert.Equal("there is no model with id 'm-nope'", error.Message);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(only.Id, Workspace.Models.Current!.Id);
    }
}
