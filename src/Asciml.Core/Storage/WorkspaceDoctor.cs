using Microsoft.Data.Sqlite;

namespace Asciml.Core.Storage;

/// <summary>What <see cref="WorkspaceDoctor"/> found.</summary>
/// <param name="Problems">Inconsistencies: damaged database, sounds whose audio is missing.</param>
/// <param name="Leftovers">Harmless debris of interrupted writes: files without a row, temporary files.</param>
public sealed record DoctorReport(IReadOnlyList<string> Problems, IReadOnlyList<string> Leftovers, IReadOnlyList<string> Repairs)
{
    public bool IsConsistent => Problems.Count == 0;
}

/// <summary>
/// Checks a workspace: SQLite integrity and foreign keys, every sound's audio present, every registered model's file
/// present (and, given <c>checkModelFile</c>, sound), and finds leftovers of interrupted writes (temporary files,
/// files no row refers to). <c>repair</c> removes leftovers, the rows of sounds whose audio is gone and the
/// registrations of models whose file is gone; a damaged model file is reported, never deleted.
/// </summary>
public static class WorkspaceDoctor
{
    /// <param name="checkModelFile">Reads a model file and returns null when it is sound, else the one-line reason
    /// (Asciml.Model's <c>ModelFile.Verify</c>; Core cannot read models itself).</param>
    public static DoctorReport Check(Workspace workspace, bool repair = false, Func<string, string?>? checkModelFile = null)
    {
        var problems = new List<string>();
        var leftovers = new List<string>();
        var repairs = new List<string>();
        using (SqliteConnection connection = workspace.Database.Connect())
        {
            string integrity = Database.Query(connection, "PRAGMA integrity_check", r => r.GetString(0)).FirstOrDefault() ?? "no answer";
            if (integrity != "ok")
            {
                problems.Add($"database integrity: {integrity}");
            }

            int foreignKeyViolations = Database.Query(connection, "PRAGMA foreign_key_check", r => 1).Count;
            if (foreignKeyViolations > 0)
            {
                problems.Add($"{foreignKeyViolations} rows refer to missing groups, runs or sounds");
            }
        }

        var allSounds = workspace.Sounds.List().Concat(workspace.Sounds.ListTrash()).ToList();
        foreach (Sound sound in allSounds.Where(s => !File.Exists(workspace.Sounds.ClipPath(s.Id))).ToList())
        {
            if (repair)
            {
                // The audio is gone for good: a row without it can only mislead.
                workspace.Sounds.Forget(sound.Id);
                allSounds.Remove(sound);
                repairs.Add($"removed sound {sound.Id} ('{sound.Name}') whose audio file was missing");
            }
            else
            {
                problems.Add($"sound {sound.Id} ('{sound.Name}') has no audio file");
            }
        }

        foreach (ModelEntry model in workspace.Models.List())
        {
            string path = workspace.Models.FilePath(model);
            if (!File.Exists(path))
            {
                if (repair)
                {
                    workspace.Models.Forget(model.Id);
                    repairs.Add($"unregistered model {model.Id} ('{model.Name}') whose file was missing");
                }
                else
                {
                    problems.Add($"model {model.Id} ('{model.Name}') has no file {path}");
                }

                continue;
            }

            if (checkModelFile?.Invoke(path) is { } reason)
            {
                problems.Add($"model {model.Id} ('{model.Name}'): {reason}");
            }
        }

        var soundIds = allSounds.Select(s => s.Id).ToHashSet();
        var modelFiles = workspace.Models.List().Select(m => m.FileName).ToHashSet();
        IEnumerable<(string Path, bool Known)> files =
            Directory.EnumerateFiles(workspace.SoundsFolder).Select(p => (p, soundIds.Contains(Path.GetFileNameWithoutExtension(p))))
            .Concat(Directory.EnumerateFiles(workspace.OriginalsFolder).Select(p => (p, soundIds.Contains(Path.GetFileNameWithoutExtension(p)))))
            .Concat(Directory.EnumerateFiles(workspace.ModelsFolder).Select(p => (p, modelFiles.Contains(Path.GetFileName(p)) || IsModelCompanion(p, modelFiles))));
        foreach ((string path, bool known) in files)
        {
            bool temporary = Workspace.IsTemporaryFile(path) || IsInterruptedSave(path);
            if (known && !temporary)
            {
                continue;
            }

            leftovers.Add(temporary ? $"temporary file {path}" : $"file without a sound or model: {path}");
            if (repair)
            {
                File.Delete(path);
                repairs.Add($"removed {path}");
            }
        }

        return new DoctorReport(problems, leftovers, repairs);
    }

    // Model files are saved as ".NAME.GUID.tmp" and renamed; a kill in between leaves one behind.
    private static bool IsInterruptedSave(string path) =>
        Path.GetFileName(path) is { } name && name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    // Model files may carry sidecars (metadata, checkpoints) named after them.
    private static bool IsModelCompanion(string path, HashSet<string> modelFiles) =>
        modelFiles.Any(m => Path.GetFileName(path).StartsWith(Path.GetFileNameWithoutExtension(m) + ".", StringComparison.Ordinal));
}
