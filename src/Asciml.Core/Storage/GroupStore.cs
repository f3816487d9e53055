using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using static Asciml.Core.Storage.Database;

namespace Asciml.Core.Storage;

/// <summary>The groups of a workspace: named, coloured sets of sounds (the paper's "group ID").</summary>
public sealed partial class GroupStore
{
    private const string Columns = "id, name, colour, description, created";
    private readonly Database _database;

    internal GroupStore(Database database) => _database = database;

    /// <summary>
    /// Colours given to new groups in turn: the Okabe–Ito palette, which stays distinct for the common forms of colour
    /// blindness (its yellow, weak on white, comes last), then a few darker extras for workspaces with many groups.
    /// </summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#000000", "#f0e442", "#882255", "#44aa99"];

    /// <summary>The colour the next new group gets: the first palette colour no group uses yet, else the next in turn.</summary>
    public string NextColour()
    {
        using SqliteConnection connection = _database.Connect();
        return NextColour(connection, null);
    }

    public IReadOnlyList<Group> List()
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, $"SELECT {Columns} FROM groups ORDER BY created, name", ReadGroup);
    }

    public Group Get(string id) => Find(id) ?? throw new WorkspaceException($"there is no group with id '{id}'", ErrorKind.NotFound);

    public Group? Find(string id)
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, $"SELECT {Columns} FROM groups WHERE id = $id", ReadGroup, null, ("$id", id)).FirstOrDefault();
    }

    /// <summary>Finds a group by name, ignoring case.</summary>
    public Group? FindByName(string name)
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, $"SELECT {Columns} FROM groups WHERE name = $name", ReadGroup, null, ("$name", name.Trim())).FirstOrDefault();
    }

    public Group GetByName(string name) => FindByName(name)
        ?? throw new WorkspaceException($"there is no group named '{name}' (groups: {string.Join(", ", List().Select(g => g.Name))})", ErrorKind.NotFound);

    public Group GetOrCreate(string name) => FindByName(name) ?? Create(name);

    public Group Create(string name, string? colour = null, string description = "")
    {
        string cleanName = CleanName(name, "group");
        using SqliteConnection connection = _database.Connect();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        if (Query(connection, "SELECT 1 FROM groups WHERE name = $name", r => 1, transaction, ("$name", cleanName)).Count > 0)
        {
            throw new WorkspaceException($"a group named '{cleanName}' already exists");
        }

        var group = new Group(NewId("g"), cleanName, ValidColour(colour) ?? NextColour(connection, transaction), description.Trim(), DateTimeOffset.UtcNow);
        Execute(connection, "INSERT INTO groups (id, name, colour, description, created) VALUES ($id, $name, $colour, $description, $created)", transaction,
            ("$id", group.Id), ("$name", group.Name), ("$colour", group.Colour), ("$description", group.Description), ("$created", group.Created.ToString("O")));
        transaction.Commit();
        return group;
    }

    public Group Rename(string id, string newName)
    {
        string cleanName = CleanName(newName, "group");
        Group group = Get(id);
        Group? clash = FindByName(cleanName);
        if (clash is not null && clash.Id != id)
        {
            throw new WorkspaceException($"a group named '{cleanName}' already exists");
        }

        Update(id, "name", cleanName);
        return group with { Name = cleanName };
    }

    public Group Recolour(string id, string colour)
    {
        Group group = Get(id);
        string valid = ValidColour(colour) ?? throw new WorkspaceException($"'{colour}' is not a colour; use #RRGGBB");
        Update(id, "colour", valid);
        return group with { Colour = valid };
    }

    public Group Describe(string id, string description)
    {
        Group group = Get(id);
        Update(id, "description", description.Trim());
        return group with { Description = description.Trim() };
    }

    /// <summary>Deletes a group; its sounds move to another group or go to the trash (restorable), as chosen.</summary>
    public void Delete(string id, GroupDeletion soundsGo)
    {
        Group group = Get(id);
        using SqliteConnection connection = _database.Connect();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        switch (soundsGo)
        {
            case GroupDeletion.MoveSoundsTo move:
                if (move.GroupId == id)
                {
                    throw new WorkspaceException("cannot move a group's sounds into the group being deleted");
                }

                _ = Get(move.GroupId);
                Execute(connection, "UPDATE sounds SET group_id = $to WHERE group_id = $id", transaction, ("$to", move.GroupId), ("$id", id));
                break;
            case GroupDeletion.TrashSounds:
                Execute(connection, "UPDATE sounds SET deleted = COALESCE(deleted, $now), trashed_from_group = $name, group_id = NULL WHERE group_id = $id", transaction,
                    ("$now", Now()), ("$name", group.Name), ("$id", id));
                break;
        }

        Execute(connection, "DELETE FROM groups WHERE id = $id", transaction, ("$id", id));
        transaction.Commit();
    }

    private static string NextColour(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var used = Query(connection, "SELECT colour FROM groups", r => r.GetString(0).ToLowerInvariant(), transaction);
        return Palette.FirstOrDefault(c => !used.Contains(c)) ?? Palette[used.Count % Palette.Count];
    }

    private void Update(string id, string column, string value)
    {
        using SqliteConnection connection = _database.Connect();
        Execute(connection, $"UPDATE groups SET {column} = $value WHERE id = $id", null, ("$value", value), ("$id", id));
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColourPattern();

    private static string? ValidColour(string? colour) =>
        colour is null ? null : ColourPattern().IsMatch(colour.Trim()) ? colour.Trim().ToLowerInvariant() : throw new WorkspaceException($"'{colour}' is not a colour; use #RRGGBB");

    private static Group ReadGroup(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), ParseTime(r.GetString(4)));
}
