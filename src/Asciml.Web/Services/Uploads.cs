using System.Runtime;
using Asciml.Core.Audio;
using Asciml.Core.Workspace;

namespace Asciml.Web.Services;

/// <summary>
/// Imports browser uploads one file at a time, streamed to a temporary file first (never a whole upload in a
/// MemoryStream), through the same path as `asciml import`: each file lands or fails on its own with a one-line reason.
/// After a large upload the large-object heap is compacted, so the server's memory returns to where it was.
/// </summary>
public static class Uploads
{
    /// <summary>Uploads at least this large trigger a compacting collection once imported.</summary>
    public const long CompactAfterBytes = 32L * 1024 * 1024;

    /// <summary>How the error of an upload that is already in the group begins (it is skipped, not imported twice).</summary>
    public const string SkippedPrefix = "skipped: ";

    /// <param name="open">Opens the upload's stream, allowing at most the given number of bytes.</param>
    public static async Task<ImportOutcome> ImportAsync(Workspace workspace, string groupId, string fileName, long declaredBytes,
        Func<long, Stream> open, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(open);
        string shown = AudioLimits.DisplayName(fileName);
        if (declaredBytes > AudioFileReader.MaxFileBytes)
        {
            return Failed(fileName, $"{shown}: {declaredBytes / (1024.0 * 1024.0):0.#} MB is over the {AudioFileReader.MaxFileBytes / (1024 * 1024)} MB limit for one sound; trim it first");
        }

        string folder = Directory.CreateTempSubdirectory("asciml-upload-").FullName;
        string path = Path.Combine(folder, SafeFileName(fileName));
        try
        {
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            await using (Stream source = open(AudioFileReader.MaxFileBytes))
            {
                await source.CopyToAsync(target, cancellation);
            }

            if (SameUpload(workspace, groupId, path) is { } same)
            {
                return Failed(fileName, $"{SkippedPrefix}the same file is already in this group as “{same.Name}”");
            }

            ImportOutcome outcome = workspace.ImportFiles(groupId, [path])[0];
            return outcome with { File = fileName, Error = outcome.Error?.Replace(path, shown, StringComparison.Ordinal) };
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or OperationCanceledException)
        {
            return Failed(fileName, $"{shown}: upload interrupted ({error.Message.ReplaceLineEndings(" ").Trim()})");
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // the system's temporary folder is cleaned eventually
            }

            if (declaredBytes >= CompactAfterBytes)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
    }

    /// <summary>The group's sound whose original is this very file, read only when an original of the same size exists.</summary>
    private static Sound? SameUpload(Workspace workspace, string groupId, string path)
    {
        long length = new FileInfo(path).Length;
        bool candidate = workspace.ListSounds(groupId).Any(s => workspace.OriginalPath(s.Id) is string original && File.Exists(original) && new FileInfo(original).Length == length);
        return candidate && length <= AudioFileReader.MaxFileBytes ? workspace.FindSameUpload(groupId, File.ReadAllBytes(path)) : null;
    }

    private static ImportOutcome Failed(string fileName, string error) => new(fileName, null, error, []);

    /// <summary>The browser's file name, usable as a file name here (it becomes the sound's name and original's extension).</summary>
    internal static string SafeFileName(string fileName)
    {
        string name = Path.GetFileName(fileName.Replace('\\', '/'));
        char[] invalid = Path.GetInvalidFileNameChars();
        string safe = new(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
        safe = safe.Trim().TrimStart('.');
        return safe.Length == 0 ? "upload.wav" : safe.Length > 200 ? safe[^200..] : safe;
    }
}
