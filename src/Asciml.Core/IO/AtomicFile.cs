namespace Asciml.Core.IO;

/// <summary>
/// Writes a file so that readers see either the old file or the whole new one, never half of it: the content goes
/// to a temporary file beside the target (same folder, so the rename stays on one file system), is flushed to disk,
/// then renamed over the target. The target's folder is created (<c>--out</c> into a new folder). On failure the
/// temporary file is removed and the old file is untouched; a kill between write and rename leaves a temporary file
/// that <see cref="IsTemporary"/> recognises (the workspace doctor and the model saver remove them).
/// <para>One name pattern for every writer: <c>.NAME.GUID.tmp</c> — hidden (leading dot), named after its target
/// (a leftover says what was being saved), unique (concurrent saves of one target do not collide).</para>
/// </summary>
public static class AtomicFile
{
    private const string Suffix = ".tmp";

    /// <summary>Writes through a stream (read/write, seekable: a writer may go back, e.g. for a checksum).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Commit(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    public static void WriteAllBytes(string path, byte[] content) => Write(path, stream => stream.Write(content));

    /// <summary>
    /// For writers that only take a file name (a plotting library, an external program): <paramref name="writeFile"/>
    /// writes the temporary path it is given; the file is then flushed to disk and renamed over the target.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeFile)
    {
        ArgumentNullException.ThrowIfNull(writeFile);
        Commit(path, temporary =>
        {
            writeFile(temporary);
            using var written = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            written.Flush(flushToDisk: true);
        });
    }

    private static void Commit(string path, Action<string> writeTemporary)
    {
        string fullPath = Path.GetFullPath(path);
        string temporary = TemporaryPathFor(fullPath);
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="path"/> (its folder is created).</summary>
    public static string TemporaryPathFor(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath) ?? Path.GetPathRoot(fullPath)!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}{Suffix}");
    }

    /// <summary>
    /// Creates the folder an output file goes into (`--out` into a folder that does not exist yet: before, a
    /// DirectoryNotFoundException); a folder that cannot be made is one line naming the path.
    /// </summary>
    public static void CreateFolderOf(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new AscimlException($"--out {path}: cannot create its folder ({error.Message.ReplaceLineEndings(" ").Trim()})");
        }
    }

    /// <summary>True for names of the pattern <c>.NAME.GUID.tmp</c> (and only those).</summary>
    public static bool IsTemporary(string path)
    {
        string name = Path.GetFileName(path);
        if (name.Length < 1 + 1 + 1 + 32 + Suffix.Length || name[0] != '.' || !name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> stem = name.AsSpan(0, name.Length - Suffix.Length);
        int dot = stem.LastIndexOf('.');
        return dot >= 2 && stem.Length - dot - 1 == 32 && Guid.TryParseExact(stem[(dot + 1)..], "N", out _);
    }

    /// <summary>
    /// Removes the temporary files that interrupted saves of <paramref name="fileName"/> in <paramref name="folder"/>
    /// left, when older than <paramref name="age"/> (younger ones may belong to a save in progress). Returns what it removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale(string folder, string fileName, TimeSpan age)
    {
        var removed = new List<string>();
        if (!Directory.Exists(folder))
        {
            return removed;
        }

        foreach (string candidate in Directory.EnumerateFiles(folder, $".{fileName}.*{Suffix}").Where(IsTemporary))
        {
            try
            {
                if (DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) > age)
                {
                    File.Delete(candidate);
                    removed.Add(candidate);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // another process may hold it; a later save or doctor --repair tries again
            }
        }

        return removed;
    }
}
