using System.CommandLine;
using System.Globalization;
using Asciml.Core.IO;
using Asciml.Core.Storage;

namespace Asciml.Cli.Commands;

/// <summary>`asciml group add|list|rename|recolour|delete`.</summary>
public static class GroupCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var group = new Command("group", "Create, list, rename, recolour and delete groups");

        var name = new Argument<string>("NAME") { Description = "Group name" };
        var colour = new Option<string?>("--colour", "--color") { Description = "Colour as #RRGGBB (default: the next palette colour)" };
        var description = new Option<string?>("--description") { Description = "What the group is about" };
        var add = new Command("add", "Create a group") { name, colour, description };
        add.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            Group created = workspace.Groups.Create(parseResult.GetValue(name)!, parseResult.GetValue(colour), parseResult.GetValue(description) ?? "");
            Csv.WriteLine(Console.Out, created.Id, created.Name, created.Colour);
            return ExitCodes.Success;
        });
        group.Subcommands.Add(add);

        var list = new Command("list", "List groups (csv: id,name,colour,sounds,description)");
        list.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            Console.WriteLine("id,name,colour,sounds,description");
            IReadOnlyDictionary<string, int> counts = workspace.Sounds.CountByGroup();
            foreach (Group g in workspace.Groups.List())
            {
                Csv.WriteLine(Console.Out, g.Id, g.Name, g.Colour, counts.GetValueOrDefault(g.Id).ToString(CultureInfo.InvariantCulture), g.Description);
            }

            return ExitCodes.Success;
        });
        group.Subcommands.Add(list);

        var oldName = new Argument<string>("OLD") { Description = "Current name" };
        var newName = new Argument<string>("NEW") { Description = "New name" };
        var rename = new Command("rename", "Rename a group") { oldName, newName };
        rename.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            workspace.Groups.Rename(workspace.Groups.GetByName(parseResult.GetValue(oldName)!).Id, parseResult.GetValue(newName)!);
            return ExitCodes.Success;
        });
        group.Subcommands.Add(rename);

        var recolourName = new Argument<string>("NAME") { Description = "Group name" };
        var newColour = new Argument<string>("COLOUR") { Description = "#RRGGBB" };
        var recolour = new Command("recolour", "Change a group's colour") { recolourName, newColour };
        recolour.Aliases.Add("recolor");
        recolour.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            workspace.Groups.Recolour(workspace.Groups.GetByName(parseResult.GetValue(recolourName)!).Id, parseResult.GetValue(newColour)!);
            return ExitCodes.Success;
        });
        group.Subcommands.Add(recolour);

        var deleteName = new Argument<string>("NAME") { Description = "Group to delete" };
        var moveTo = new Option<string?>("--move-to") { Description = "Move its sounds into this group" };
        var trash = new Option<bool>("--trash") { Description = "Move its sounds to the trash (restorable)" };
        var delete = new Command("delete", "Delete a group; say where its sounds go (--move-to GROUP or --trash)") { deleteName, moveTo, trash };
        delete.SetAction(parseResult =>
        {
            string? target = parseResult.GetValue(moveTo);
            bool toTrash = parseResult.GetValue(trash);
            if ((target is null) == !toTrash)
            {
                throw new UsageException("say where the group's sounds go: --move-to GROUP or --trash (one of them)");
            }

            using Workspace workspace = globals.OpenWorkspace(parseResult);
            Group doomed = workspace.Groups.GetByName(parseResult.GetValue(deleteName)!);
            workspace.Groups.Delete(doomed.Id, target is null ? new GroupDeletion.TrashSounds() : new GroupDeletion.MoveSoundsTo(workspace.Groups.GetByName(target).Id));
            return ExitCodes.Success;
        });
        group.Subcommands.Add(delete);
        return group;
    }
}
