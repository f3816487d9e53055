using System.Runtime;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;

namespace Asciml.Web.Services;

/// <summary>One browser upload: its file name, the size the browser declared, and how to open it (at most the given bytes).</summary>
public sealed record Upload(string FileName, long DeclaredBytes, Func<long, Stream> Open);

/// <summary>
/// Browser uploads: each streamed to a temporary file (never a whole upload in a MemoryStream), then all imported at
/// once through the core's parallel, batched <see cref="SoundImport.Files"/> — the path of `asciml import` — with
/// the browser's names and the same file already in the group skipped. Each file lands or fails on its own with a
/// one-line reason. After a large upload the large-object heap is compacted, so the server's memory returns to where it was.
/// </summary>
public static class Uploads
{
    /// <summary>Uploads at least this large in total trigger a compacting collection once imported.</summary>
    public const long CompactAfterBytes = 32L * 1024 * 1024;

    public static async Task<ImportOutcome> ImportAsync(Workspace workspace, string groupId, string fileName, long declaredBytes,
        Func<long, Stream> open, CancellationToken cancellation = default) =>
        (await ImportAsync(workspace, groupId, [new Upload(fileName, declaredBytes, open)], cancellation))[0];

    /// <summary>Imports the uploads in order; <paramref name="received"/> is told how many have been streamed so far.</summary>
    public static async Task<IReadOnlyList<ImportOutcome>> ImportAsync(Workspace workspace, string groupId, IReadOnlyList<Upload> uploads,
        CancellationToken cancellation = default, Action<int>? received = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(uploads);
        var outcomes = new ImportOutcome?[uploads.Count];
        var streamed = new List<(int Index, string Path)>();
        string folder = Directory.CreateTempSubdirectory("asciml-upload-").FullName;
        try
        {
            for (int i = 0; i < uploads.Count; i++)
            {
                string path = ReceivedPath(folder, i, uploads[i]);
                outcomes[i] = await Receive(uploads[i], path, cancellation);
                if (outcomes[i] is null)
                {
                    streamed.Add((i, path));
                }

                received?.Invoke(i + 1);
            }

            IReadOnlyList<ImportOutcome> imported = await Task.Run(() => SoundImport.Files(workspace, groupId, streamed.Select(s => s.Path).ToArray(),
                shownNames: streamed.Select(s => uploads[s.Index].FileName).ToArray(), skipSame: true), cancellation);
            for (int k = 0; k < streamed.Count; k++)
            {
                outcomes[streamed[k].Index] = imported[k];
            }

            return outcomes.Select(o => o!).ToArray();
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

            if (uploads.Sum(u => Math.Max(0, u.DeclaredBytes)) >= CompactAfterBytes)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
    }

    private static string ReceivedPath(string folder, int index, Upload upload) =>
        Path.Combine(folder, index.ToString(System.Globalization.CultureInfo.InvariantCulture), SafeFileName(upload.FileName));

    /// <summary>Streams one upload to <paramref name="path"/>; null when it arrived, else the failed outcome.</summary>
    private static async Task<ImportOutcome?> Receive(Upload upload, string path, CancellationToken cancellation)
    {
        string shown = AudioLimits.DisplayName(upload.FileName);
        try
        {
            AudioFileReader.CheckSize(upload.DeclaredBytes, upload.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using Stream source = upload.Open(AudioFileReader.MaxFileBytes);
            await source.CopyToAsync(target, cancellation);
            return null;
        }
        catch (AscimlException error)
        {
            return Failed(upload.FileName, error.Message);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or OperationCanceledException)
        {
            return Failed(upload.FileName, $"{shown}: upload interrupted ({error.Message.ReplaceLineEndings(" ").Trim()})");
        }
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
