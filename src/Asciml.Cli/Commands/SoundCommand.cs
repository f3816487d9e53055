using System.CommandLine;
using System.Text.Json;
using Asciml.Core.Storage;

namespace Asciml.Cli.Commands;

/// <summary>`asciml sound list|rename|move|delete|restore`: the workspace's sounds.</summary>
public static class SoundCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var sound = new Command("sound", "List and manage the workspace's sounds");

        var group = new Option<string?>("--group") { Description = "Only this group" };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var trash = new Option<bool>("--trash") { Description = "List the trash instead" };
        var list = new Command("list", "List sounds (csv header: id,group,name,source,created,original_file)") { group, format, trash };
        list.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            string? groupName = parseResult.GetValue(group);
            Dictionary<string, string> groupNames = workspace.Groups.List().ToDictionary(g => g.Id, g => g.Name);
            IReadOnlyList<Sound> sounds = parseResult.GetValue(trash)
                ? workspace.Sounds.ListTrash()
                : workspace.Sounds.List(groupName is null ? null : workspace.Groups.GetByName(groupName).Id);
            var rows = sounds.Select(s => new
            {
                id = s.Id,
                group = groupNames.GetValueOrDefault(s.GroupId, ""),
                name = s.Name,
                source = s.Source.ToString().ToLowerInvariant(),
                created = s.Created.ToString("O"),
                original_file = s.OriginalFileName ?? "",
            }).ToList();
            if (parseResult.GetValue(format) == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                Console.WriteLine("id,group,name,source,created,original_file");
                foreach (var row in rows)
                {
                    Console.WriteLine(string.Join(',', Csv(row.id), Csv(row.group), Csv(row.name), row.source, row.created, Csv(row.original_file)));
                }
            }

            return ExitCodes.Success;
        });
        sound.Subcommands.Add(list);

        var id = new Argument<string>("ID") { Description = "Sound id (see asciml sound list)" };
        var newName = new Argument<string>("NAME") { Description = "New name" };
        var rename = new Command("rename", "Rename a sound") { id, newName };
        rename.SetAction(parseResult => Run(globals, parseResult, w => w.Sounds.Rename(parseResult.GetValue(id)!, parseResult.GetValue(newName)!)));
        sound.Subcommands.Add(rename);

        var moveId = new Argument<string>("ID") { Description = "Sound id" };
        var toGroup = new Argument<string>("GROUP") { Description = "Group name" };
        var move = new Command("move", "Move a sound to another group") { moveId, toGroup };
        move.SetAction(parseResult => Run(globals, parseResult, w => w.Sounds.Move(parseResult.GetValue(moveId)!, w.Groups.GetByName(parseResult.GetValue(toGroup)!).Id)));
        sound.Subcommands.Add(move);

        var deleteId = new Argument<string>("ID") { Description = "Sound id" };
        var delete = new Command("delete", "Move a sound to the trash") { deleteId };
        delete.SetAction(parseResult => Run(globals, parseResult, w => w.Sounds.Delete(parseResult.GetValue(deleteId)!)));
        sound.Subcommands.Add(delete);

        var restoreId = new Argument<string>("ID") { Description = "Sound id" };
        var restore = new Command("restore", "Take a sound out of the trash") { restoreId };
        restore.SetAction(parseResult => Run(globals, parseResult, w => w.Sounds.Restore(parseResult.GetValue(restoreId)!)));
        sound.Subcommands.Add(restore);
        return sound;
    }

    private static int Run(GlobalOptions globals, ParseResult parseResult, Action<Workspace> change)
    {
        using Workspace workspace = globals.OpenWorkspace(parseResult);
        change(workspace);
        return ExitCodes.Success;
    }

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
}
