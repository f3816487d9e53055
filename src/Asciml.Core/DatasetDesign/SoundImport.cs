using System.Runtime;
using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Asciml.Core.DatasetDesign;

/// <summary>What happened to one file of an import: the sound it became, or why it could not.</summary>
public sealed record ImportOutcome(string File, Sound? Sound, string? Error, IReadOnlyList<string> Warnings)
{
    /// <summary>How the error of a file that is already in the group begins (it is skipped, not imported twice).</summary>
    public const string SkippedPrefix = "skipped: ";

    /// <summary>Skipped because the same file is already in the group (not a failure).</summary>
    public bool Skipped => Error?.StartsWith(SkippedPrefix, StringComparison.Ordinal) == true;

    /// <summary>One line for a whole import, the same in the CLI and the web: "3 imported, 1 failed, 2 already there".</summary>
    public static string Summary(IReadOnlyCollection<ImportOutcome> outcomes)
    {
        int added = outcomes.Count(o => o.Sound is not null);
        int skipped = outcomes.Count(o => o.Skipped);
        return $"{added} imported, {outcomes.Count - added - skipped} failed{(skipped > 0 ? $", {skipped} already there" : "")}";
    }
}

/// <summary>A file arriving as a stream (a browser upload): its file name, the size its sender declared, and how to open
/// it (reading at most the given bytes).</summary>
public sealed record StreamedFile(string FileName, long DeclaredBytes, Func<long, Stream> Open);

/// <summary>
/// Import of audio into a group: decoding and conversion to model inputs happen here, storing in
/// <see cref="SoundStore"/>.
/// </summary>
public static class SoundImport
{
    /// <summary>
    /// Imports audio files into a group — the one import path of `asciml import`, the web's uploads and the benchmark:
    /// decoded and converted in parallel, stored in batches of 64 (each batch one transaction). A file that fails gets
    /// its one-line reason; the others still land.
    /// </summary>
    /// <param name="shownNames">How each file is named in outcomes and messages, and what its sound is called
    /// (the browser's file name of an upload streamed to a temporary file); null uses the paths.</param>
    /// <param name="skipSame">A file whose bytes are already an original in the group, or earlier in this call, is
    /// skipped (its error starts with <see cref="ImportOutcome.SkippedPrefix"/>) instead of imported twice.</param>
    public static IReadOnlyList<ImportOutcome> Files(Workspace workspace, string groupId, IReadOnlyList<string> paths, bool normalize = false, Action<int>? filesDone = null,
        IReadOnlyList<string>? shownNames = null, bool skipSame = false)
    {
        _ = workspace.Groups.Get(groupId);
        if (shownNames is not null && shownNames.Count != paths.Count)
        {
            throw new ArgumentException("one shown name per path", nameof(shownNames));
        }

        var outcomes = new ImportOutcome[paths.Count];
        var originals = skipSame ? new OriginalIndex(workspace.Sounds, groupId) : null;
        const int BatchSize = 64;
        for (int start = 0; start < paths.Count; start += BatchSize)
        {
            int end = Math.Min(paths.Count, start + BatchSize);
            var decoded = new (NewSound? Sound, string? Error, IReadOnlyList<string> Warnings, byte[]? Hash, long Length)[end - start];
            Parallel.For(start, end, i =>
            {
                string shown = AudioLimits.DisplayName(shownNames?[i] ?? paths[i]);
                try
                {
                    byte[] content = AudioFileReader.ReadFileBytes(paths[i]);
                    NewSound sound = NewUpload(groupId, Path.GetFileName(shownNames?[i] ?? paths[i]), content, SoundSource.Uploaded, normalize, out IReadOnlyList<string> warnings);
                    decoded[i - start] = (sound, null, warnings, skipSame ? System.Security.Cryptography.SHA256.HashData(content) : null, content.LongLength);
                }
                catch (Exception error)
                {
                    string message = ImportError(shown, error);
                    decoded[i - start] = (null, shownNames is null ? message : message.Replace(paths[i], shown, StringComparison.Ordinal), [], null, 0);
                }
            });

            for (int k = 0; k < decoded.Length; k++)
            {
                if (decoded[k].Hash is { } hash && originals!.Find(hash, decoded[k].Length, decoded[k].Sound!.Name) is { } same)
                {
                    decoded[k] = (null, $"{ImportOutcome.SkippedPrefix}the same file is already in this group as “{same}”", decoded[k].Warnings, null, 0);
                }

                outcomes[start + k] = new ImportOutcome(shownNames?[start + k] ?? paths[start + k], null, decoded[k].Error, decoded[k].Warnings);
            }

            var good = decoded.Select((d, k) => (d, k)).Where(x => x.d.Sound is not null).ToList();
            IReadOnlyList<Sound?> added = AddGoodSounds(workspace.Sounds, good.Select(x => (shownNames?[start + x.k] ?? paths[start + x.k], x.d.Sound!)).ToList(), out IReadOnlyList<string?> errors);
            for (int g = 0; g < good.Count; g++)
            {
                outcomes[start + good[g].k] = outcomes[start + good[g].k] with { Sound = added[g], Error = errors[g] };
            }

            filesDone?.Invoke(end);
        }

        return outcomes;
    }

    /// <summary>The group files go into when none is named (`asciml import` without --group).</summary>
    public const string DefaultGroupName = "imported";

    /// <summary>
    /// Files into a group by name (created when missing, <see cref="DefaultGroupName"/> when none is given) through
    /// <see cref="Files"/>. A group this call created only for files that all failed is removed again: it would be an
    /// empty leftover.
    /// </summary>
    public static (Group Group, IReadOnlyList<ImportOutcome> Outcomes) FilesIntoGroup(Workspace workspace, string? groupName, IReadOnlyList<string> paths,
        bool normalize = false, Action<int>? filesDone = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        string name = groupName ?? DefaultGroupName;
        bool existed = workspace.Groups.FindByName(name) is not null;
        Group group = workspace.Groups.GetOrCreate(name);
        IReadOnlyList<ImportOutcome> outcomes = Files(workspace, group.Id, paths, normalize, filesDone);
        if (!existed && outcomes.All(o => o.Sound is null) && workspace.Sounds.List(group.Id).Count == 0)
        {
            workspace.Groups.Delete(group.Id, new GroupDeletion.TrashSounds());
        }

        return (group, outcomes);
    }

    /// <summary>Streamed files this large in total trigger a compacting collection once imported.</summary>
    public const long CompactAfterBytes = 32L * 1024 * 1024;

    /// <summary>
    /// Imports streamed files (the web's uploads): each is streamed to a temporary file (never a whole file in memory),
    /// then all go through <see cref="Files"/> at once with their own names and the same file already in the group
    /// skipped. Each lands or fails on its own with a one-line reason. After a large import the large-object heap is
    /// compacted: a 199 MB upload left the server at 2.6 GB for good before.
    /// </summary>
    /// <param name="received">Told how many files have been streamed so far.</param>
    public static async Task<IReadOnlyList<ImportOutcome>> StreamsAsync(Workspace workspace, string groupId, IReadOnlyList<StreamedFile> files,
        CancellationToken cancellation = default, Action<int>? received = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(files);
        var outcomes = new ImportOutcome?[files.Count];
        var streamed = new List<(int Index, string Path)>();
        string folder = Directory.CreateTempSubdirectory("asciml-upload-").FullName;
        try
        {
            for (int i = 0; i < files.Count; i++)
            {
                string path = Path.Combine(folder, i.ToString(System.Globalization.CultureInfo.InvariantCulture), SafeFileName(files[i].FileName));
                outcomes[i] = await Receive(files[i], path, cancellation);
                if (outcomes[i] is null)
                {
                    streamed.Add((i, path));
                }

                received?.Invoke(i + 1);
            }

            IReadOnlyList<ImportOutcome> imported = await Task.Run(() => Files(workspace, groupId, streamed.Select(s => s.Path).ToArray(),
                shownNames: streamed.Select(s => files[s.Index].FileName).ToArray(), skipSame: true), cancellation);
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

            if (files.Sum(u => Math.Max(0, u.DeclaredBytes)) >= CompactAfterBytes)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
    }

    /// <summary>Streams one file to <paramref name="path"/>; null when it arrived, else the failed outcome.</summary>
    private static async Task<ImportOutcome?> Receive(StreamedFile file, string path, CancellationToken cancellation)
    {
        try
        {
            AudioFileReader.CheckSize(file.DeclaredBytes, file.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using Stream source = file.Open(AudioFileReader.MaxFileBytes);
            await source.CopyToAsync(target, cancellation);
            return null;
        }
        catch (AscimlException error)
        {
            return new ImportOutcome(file.FileName, null, error.Message, []);
        }
        catch (Exception error) when (error is IOException or InvalidOperationException or OperationCanceledException)
        {
            return new ImportOutcome(file.FileName, null, $"{AudioLimits.DisplayName(file.FileName)}: upload interrupted ({error.Message.ReplaceLineEndings(" ").Trim()})", []);
        }
    }

    /// <summary>A sender's file name, usable as a file name here (it becomes the sound's name and original's extension).</summary>
    internal static string SafeFileName(string fileName)
    {
        string name = Path.GetFileName(fileName.Replace('\\', '/'));
        char[] invalid = Path.GetInvalidFileNameChars();
        string safe = new(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
        safe = safe.Trim().TrimStart('.');
        return safe.Length == 0 ? "upload.wav" : safe.Length > 200 ? safe[^200..] : safe;
    }

    /// <summary>
    /// The SHA-256 of the group's kept originals (hashed only when a file of the same length is asked about) and of the
    /// files seen so far in one import, in order: the first of two equal files lands, the second is skipped.
    /// </summary>
    private sealed class OriginalIndex(SoundStore sounds, string groupId)
    {
        private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
        private Dictionary<long, List<(string Path, string Name)>>? _unhashed;

        public string? Find(byte[] hash, long length, string name)
        {
            _unhashed ??= sounds.List(groupId)
                .Select(sound => (Path: sounds.OriginalPath(sound.Id), sound.Name))
                .Where(o => o.Path is not null && File.Exists(o.Path))
                .GroupBy(o => new FileInfo(o.Path!).Length)
                .ToDictionary(g => g.Key, g => g.Select(o => (o.Path!, o.Name)).ToList());
            if (_unhashed.Remove(length, out List<(string Path, string Name)>? candidates))
            {
                foreach ((string path, string original) in candidates)
                {
                    using FileStream stream = File.OpenRead(path);
                    _seen.TryAdd(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream)), original);
                }
            }

            string key = Convert.ToHexString(hash);
            if (_seen.TryGetValue(key, out string? same))
            {
                return same;
            }

            _seen[key] = name;
            return null;
        }
    }

    /// <summary>
    /// Adds a batch in one transaction; should that fail, each sound is tried on its own so that one bad sound
    /// cannot take the others down. Returns the sound or the error of each.
    /// </summary>
    private static IReadOnlyList<Sound?> AddGoodSounds(SoundStore store, IReadOnlyList<(string Path, NewSound Sound)> items, out IReadOnlyList<string?> errors)
    {
        var sounds = new Sound?[items.Count];
        var messages = new string?[items.Count];
        errors = messages;
        if (items.Count == 0)
        {
            return sounds;
        }

        try
        {
            IReadOnlyList<Sound> added = store.AddRange(items.Select(i => i.Sound).ToList());
            for (int i = 0; i < added.Count; i++)
            {
                sounds[i] = added[i];
            }

            return sounds;
        }
        catch (Exception error) when (error is AscimlException or IOException or UnauthorizedAccessException or SqliteException)
        {
            // fall through: one by one
        }

        for (int i = 0; i < items.Count; i++)
        {
            try
            {
                sounds[i] = store.Add(items[i].Sound);
            }
            catch (Exception error) when (error is AscimlException or IOException or UnauthorizedAccessException or SqliteException)
            {
                messages[i] = ImportError(AudioLimits.DisplayName(items[i].Path), error);
            }
        }

        return sounds;
    }

    /// <summary>One line naming the file, whatever went wrong (our own messages already name it).</summary>
    private static string ImportError(string shownPath, Exception error)
    {
        string message = error.Message.ReplaceLineEndings(" ").Trim();
        string fileName = Path.GetFileName(shownPath);
        if (error is AscimlException && message.StartsWith(fileName + ": ", StringComparison.Ordinal))
        {
            return shownPath + message[fileName.Length..]; // the reader saw only the name; the batch names the path as given
        }

        return error switch
        {
            AscimlException when message.Contains(Path.GetFileName(shownPath), StringComparison.Ordinal) => message,
            AscimlException => $"{shownPath}: {message}",
            IOException or UnauthorizedAccessException => $"{shownPath}: cannot be read ({message})",
            _ => $"{shownPath}: could not be imported ({error.GetType().Name}: {message})",
        };
    }

    /// <summary>Adds an uploaded or recorded file (any format <see cref="AudioFileReader"/> reads), keeping the original.</summary>
    public static Sound Upload(Workspace workspace, string groupId, string fileName, byte[] content, SoundSource source = SoundSource.Uploaded, bool normalize = false, string? name = null) =>
        workspace.Sounds.Add(NewUpload(groupId, fileName, content, source, normalize, out _) with { Name = name ?? Path.GetFileNameWithoutExtension(fileName) });

    private static NewSound NewUpload(string groupId, string fileName, byte[] content, SoundSource source, bool normalize, out IReadOnlyList<string> warnings)
    {
        DecodedAudio decoded = AudioFileReader.Read(content, fileName);
        warnings = decoded.Warnings;
        string name = Path.GetFileNameWithoutExtension(fileName);
        return new NewSound(groupId, string.IsNullOrWhiteSpace(name) ? "sound" : name, source, ModelInput.FromAudio(decoded.Audio, normalize), content, fileName);
    }
}
