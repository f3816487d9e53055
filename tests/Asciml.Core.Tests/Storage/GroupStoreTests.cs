using Asciml.Core.Storage;

namespace Asciml.Core.Tests.Storage;

public sealed class GroupStoreTests : TemporaryWorkspace
{
    [Fact]
    public void GroupsRoundTripThroughAddGetListAndDelete()
    {
        GroupStore groups = Workspace.Groups;
        Group drums = groups.Create(" drums ", "#ABCDEF", " kit ");
        Assert.Equal(new Group(drums.Id, "drums", "#abcdef", "kit", drums.Created), drums);
        Assert.Equal(drums, groups.Get(drums.Id));
        Assert.Equal(drums, groups.FindByName("DRUMS"));
        Assert.Equal(drums, groups.GetOrCreate("Drums"));
        Group bells = groups.GetOrCreate("bells");
        Assert.Equal(["drums", "bells"], groups.List().Select(g => g.Name));
        Assert.Equal("metal", groups.Describe(bells.Id, " metal ").Description);
        Assert.Equal("metal", groups.Get(bells.Id).Description);

        groups.Delete(drums.Id, new GroupDeletion.TrashSounds());
        Assert.Null(groups.Find(drums.Id));
        Assert.Null(groups.FindByName("drums"));
        Assert.Equal([bells.Id], groups.List().Select(g => g.Id));
    }

    [Fact]
    public void AnUnknownGroupIsNotFoundInOneLine()
    {
        var error = Assert.Throws<WorkspaceException>(() => Workspace.Groups.Get("g-nope"));
        Assert.Equal("there is no group with id 'g-nope'", error.Message);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Workspace.Groups.Create("kicks");
        error = Assert.Throws<WorkspaceException>(() => Workspace.Groups.GetByName("snares"));
        Assert.Equal("there is no group named 'snares' (groups: kicks)", error.Message);
    }

    [Fact]
    public void ADuplicateNameIsRefusedAndNothingChanges()
    {
        Group kicks = Workspace.Groups.Create("kicks");
        Group snares = Workspace.Groups.Create("snares");
        var error = Assert.Throws<WorkspaceException>(() => Workspace.Groups.Rename(snares.Id, "KICKS"));
        Assert.Equal("a group named 'KICKS' already exists", error.Message);
        Assert.Equal(["kicks", "snares"], Workspace.Groups.List().Select(g => g.Name));
        Assert.Equal(kicks, Workspace.Groups.Rename(kicks.Id, "Kicks") with { Name = "kicks" }); // its own name in another case is fine
    }
}
