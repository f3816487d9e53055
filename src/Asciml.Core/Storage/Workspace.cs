using Microsoft.Data.Sqlite;

namespace Asciml.Core.Storage;

/// <summary>
/// A workspace folder: <c>asciml.db</c> (SQLite, WAL) plus audio and model files named by id, never by user-given
/// names. Every write puts files in place first (temporary file, flush to disk, rename) and then commits one
/// transaction, so a sound is entirely present or absent whenever the process dies; a file without a row is a
/// harmless leftover that <see cref="WorkspaceDoctor"/> removes. The data lives in small stores over one connection
/// factory (<see cref="Sounds"/>, <see cref="Groups"/>, <see cref="Models"/>, <see cref="Runs"/>); connections are
/// short-lived, so the web app and the CLI can use one workspace at the same time. Thread-safe.
/// </summary>
public sealed class Workspace : IDisposable
{
    public const string DatabaseFileName = "asciml.db";
    private const string TemporaryPrefix = ".tmp-";

    private Workspace(string folder)
    {
        Folder = folder;
        Database = new Database(Path.Combine(folder, DatabaseFileName));
        Groups = new GroupStore(Database);
        Sounds = new SoundStore(Database, SoundsFolder, OriginalsFolder, Groups);
        Models = new ModelStore(Database, ModelsFolder);
        Runs = new RunStore(Database);
    }

    public string Folder { get; }

    /// <summary>Model inputs: <c>sounds/&lt;id&gt;.wav</c>, 32-bit float so they round-trip exactly.</summary>
    public string SoundsFolder => Path.Combine(Folder, "sounds");

    /// <summary>Original files as uploaded or recorded: <c>originals/&lt;id&gt;&lt;extension&gt;</c>.</summary>
    public string OriginalsFolder => Path.Combine(Folder, "originals");

    public string ModelsFolder => Path.Combine(Folder, "models");

    public SoundStore Sounds { get; }

    public GroupStore Groups { get; }

    public ModelStore Models { get; }

    public RunStore Runs { get; }

    /// <summary>The connection factory the stores share (and <see cref="WorkspaceDoctor"/> checks).</summary>
    internal Database Database { get; }

    public static Workspace Open(string folder)
    {
        string fullPath = Path.GetFullPath(folder);
        if (File.Exists(fullPath))
        {
            throw new WorkspaceException($"{fullPath} is a file; a workspace is a folder");
        }

        var workspace = new Workspace(fullPath);
        Directory.CreateDirectory(workspace.SoundsFolder);
        Directory.CreateDirectory(workspace.OriginalsFolder);
        Directory.CreateDirectory(workspace.ModelsFolder);
        try
        {
            workspace.Database.Migrate();
        }
        catch (SqliteException error)
        {
            throw new WorkspaceException($"{Path.Combine(fullPath, DatabaseFileName)} cannot be opened as a workspace database ({error.Message})");
        }

        return workspace;
    }

    // Connections are per operation; release the pooled handles so the folder can be moved or deleted.
    public void Dispose() => Database.ClearPool();

    /// <summary>Writes a file so that it is either entirely there or not at all: temporary file, flush to disk, rename.</summary>
    internal static void WriteFileAtomically(string path, ReadOnlySpan<byte> content)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(path)!, $"{TemporaryPrefix}{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    internal static bool IsTemporaryFile(string path) => Path.GetFileName(path).StartsWith(TemporaryPrefix, StringComparison.Ordinal);
}
