using System.Text.Json;
using Asciml.Core.Audio;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Features;
using Asciml.Core.IO;
using Microsoft.Data.Sqlite;

namespace Asciml.Core.Workspace;

/// <summary>A sound about to be added: its model input, and its original file when there is one.</summary>
public sealed record NewSound(string GroupId, string Name, SoundSource Source, MonoAudio ModelInput,
    byte[]? OriginalBytes = null, string? OriginalFileName = null, string? SynthesisParameters = null, GenerationProvenance? Generation = null);

/// <summary>What happened to one file of an import: the sound it became, or why it could not.</summary>
public sealed record ImportOutcome(string File, Sound? Sound, string? Error, IReadOnlyList<string> Warnings)
{
    /// <summary>Skipped because the same file is already in the group (not a failure).</summary>
    public bool Skipped => Error?.StartsWith(Workspace.SkippedPrefix, StringComparison.Ordinal) == true;

    /// <summary>One line for a whole import, the same in the CLI and the web: "3 imported, 1 failed, 2 already there".</summary>
    public static string Summary(IReadOnlyCollection<ImportOutcome> outcomes)
    {
        int added = outcomes.Count(o => o.Sound is not null);
        int skipped = outcomes.Count(o => o.Skipped);
        return $"{added} imported, {outcomes.Count - added - skipped} failed{(skipped > 0 ? $", {skipped} already there" : "")}";
    }
}

public sealed partial class Workspace
{
    private const string SoundColumns = "id, group_id, name, source, synthesis_parameters, original_file_name, created, deleted, trashed_from_group";
    private static readonly JsonSerializerOptions FeatureJson = new();

    public Sound AddSound(NewSound sound) => AddSounds([sound])[0];

    /// <summary>Adds sounds in one transaction: all of them land, or none.</summary>
    public IReadOnlyList<Sound> AddSounds(IReadOnlyList<NewSound> sounds)
    {
        var prepared = new List<(Sound Sound, string FeaturesJson, string? Extension, GenerationProvenance? Generation)>();
        var written = new List<string>();
        try
        {
            AddSoundsOrThrow(sounds, prepared, written);
        }
        catch
        {
            // Nothing of a failed batch may stay behind: the rows were rolled back, so remove their files too.
            foreach (string path in written)
            {
                TryDelete(path);
            }

            throw;
        }

        return prepared.Select(p => p.Sound).ToList();
    }

    private void AddSoundsOrThrow(IReadOnlyList<NewSound> sounds, List<(Sound Sound, string FeaturesJson, string? Extension, GenerationProvenance? Generation)> prepared, List<string> written)
    {
        foreach (NewSound item in sounds)
        {
            ModelInputFormat.Check(item.ModelInput, $"sound '{item.Name}'");
            string id = NewId("s");
            string? extension = item.OriginalBytes is null ? null : SafeExtension(item.OriginalFileName);
            var sound = new Sound(id, item.GroupId, CleanName(item.Name, "sound"), item.Source, item.SynthesisParameters,
                item.OriginalFileName is null ? null : Path.GetFileName(item.OriginalFileName), DateTimeOffset.UtcNow, null);
            string features = JsonSerializer.Serialize(FeatureExtractor.Extract(item.ModelInput.Samples), FeatureJson);
            written.Add(ClipPath(id));
            AtomicFile.WriteAllBytes(ClipPath(id), WavWriter.ToBytes(item.ModelInput, WavSampleFormat.Float32));
            if (item.OriginalBytes is not null)
            {
                written.Add(Path.Combine(OriginalsFolder, id + extension));
                AtomicFile.WriteAllBytes(Path.Combine(OriginalsFolder, id + extension), item.OriginalBytes);
            }

            prepared.Add((sound, features, extension, item.Generation is null ? null : item.Generation with { SoundId = id }));
        }

        using SqliteConnection connection = Connect();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        foreach (string groupId in sounds.Select(s => s.GroupId).Distinct())
        {
            if (Query(connection, "SELECT 1 FROM groups WHERE id = $id", r => 1, transaction, ("$id", groupId)).Count == 0)
            {
                throw new WorkspaceException($"there is no group with id '{groupId}'", ErrorKind.NotFound);
            }
        }

        foreach ((Sound sound, string features, string? extension, GenerationProvenance? generation) in prepared)
        {
            Execute(connection,
                """
                INSERT INTO sounds (id, group_id, name, source, synthesis_parameters, original_file_name, original_extension, created, features, features_version)
                VALUES ($id, $group, $name, $source, $parameters, $original, $extension, $created, $features, $version)
                """, transaction,
                ("$id", sound.Id), ("$group", sound.GroupId), ("$name", sound.Name), ("$source", sound.Source.ToString().ToLowerInvariant()),
                ("$parameters", sound.SynthesisParameters), ("$original", sound.OriginalFileName), ("$extension", extension),
                ("$created", sound.Created.ToString("O")), ("$features", features), ("$version", FeatureExtractor.Version));
            if (generation is not null)
            {
                Execute(connection, "INSERT INTO generated_sounds (sound_id, model_id, from_sound_id, to_sound_id, amount) VALUES ($s, $m, $f, $t, $a)", transaction,
                    ("$s", sound.Id), ("$m", generation.ModelId), ("$f", generation.FromSoundId), ("$t", generation.ToSoundId), ("$a", generation.Amount));
            }
        }

        transaction.Commit();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // doctor --repair finds and removes it later
        }
    }

    /// <summary>
    /// Imports audio files into a group — the one import path of `asciml import`, the web's uploads and the benchmark:
    /// decoded and converted in parallel, stored in batches of 64 (each batch one transaction). A file that fails gets
    /// its one-line reason; the others still land.
    /// </summary>
    /// <param name="shownNames">How each file is named in outcomes and messages, and what its sound is called
    /// (the browser's file name of an upload streamed to a temporary file); null uses the paths.</param>
    /// <param name="skipSame">A file whose bytes are already an original in the group, or earlier in this call, is
    /// skipped (its error starts with <see cref="SkippedPrefix"/>) instead of imported twice.</param>
    public IReadOnlyList<ImportOutcome> ImportFiles(string groupId, IReadOnlyList<string> paths, bool normalize = false, Action<int>? filesDone = null,
        IReadOnlyList<string>? shownNames = null, bool skipSame = false)
    {
        _ = GetGroup(groupId);
        if (shownNames is not null && shownNames.Count != paths.Count)
        {
            throw new ArgumentException("one shown name per path", nameof(shownNames));
        }

        var outcomes = new ImportOutcome[paths.Count];
        var originals = skipSame ? new OriginalIndex(this, groupId) : null;
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
                    decoded[k] = (null, $"{SkippedPrefix}the same file is already in this group as “{same}”", decoded[k].Warnings, null, 0);
                }

                outcomes[start + k] = new ImportOutcome(shownNames?[start + k] ?? paths[start + k], null, decoded[k].Error, decoded[k].Warnings);
            }

            var good = decoded.Select((d, k) => (d, k)).Where(x => x.d.Sound is not null).ToList();
            IReadOnlyList<Sound?> added = AddGoodSounds(good.Select(x => (shownNames?[start + x.k] ?? paths[start + x.k], x.d.Sound!)).ToList(), out IReadOnlyList<string?> errors);
            for (int g = 0; g < good.Count; g++)
            {
                outcomes[start + good[g].k] = outcomes[start + good[g].k] with { Sound = added[g], Error = errors[g] };
            }

            filesDone?.Invoke(end);
        }

        return outcomes;
    }

    /// <summary>How the error of a file that is already in the group begins (it is skipped, not imported twice).</summary>
    public const string SkippedPrefix = "skipped: ";

    /// <summary>
    /// The SHA-256 of the group's kept originals (hashed only when a file of the same length is asked about) and of the
    /// files seen so far in one import, in order: the first of two equal files lands, the second is skipped.
    /// </summary>
    private sealed class OriginalIndex(Workspace workspace, string groupId)
    {
        private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);
        private Dictionary<long, List<(string Path, string Name)>>? _unhashed;

        public string? Find(byte[] hash, long length, string name)
        {
            _unhashed ??= workspace.ListSounds(groupId)
                .Select(sound => (Path: workspace.OriginalPath(sound.Id), sound.Name))
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
    private IReadOnlyList<Sound?> AddGoodSounds(IReadOnlyList<(string Path, NewSound Sound)> items, out IReadOnlyList<string?> errors)
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
            IReadOnlyList<Sound> added = AddSounds(items.Select(i => i.Sound).ToList());
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
                sounds[i] = AddSound(items[i].Sound);
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
    public Sound AddUpload(string groupId, string fileName, byte[] content, SoundSource source = SoundSource.Uploaded, bool normalize = false, string? name = null) =>
        AddSound(NewUpload(groupId, fileName, content, source, normalize, out _) with { Name = name ?? Path.GetFileNameWithoutExtension(fileName) });

    private static NewSound NewUpload(string groupId, string fileName, byte[] content, SoundSource source, bool normalize, out IReadOnlyList<string> warnings)
    {
        DecodedAudio decoded = AudioFileReader.Read(content, fileName);
        warnings = decoded.Warnings;
        string name = Path.GetFileNameWithoutExtension(fileName);
        return new NewSound(groupId, string.IsNullOrWhiteSpace(name) ? "sound" : name, source, ModelInput.FromAudio(decoded.Audio, normalize), content, fileName);
    }

    public Sound GetSound(string id) => FindSound(id) ?? throw new WorkspaceException($"there is no sound with id '{id}'", ErrorKind.NotFound);

    public Sound? FindSound(string id)
    {
        using SqliteConnection connection = Connect();
        return Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE id = $id", ReadSound, null, ("$id", id)).FirstOrDefault();
    }

    /// <summary>Sounds not in the trash, of one group or all, oldest first.</summary>
    public IReadOnlyList<Sound> ListSounds(string? groupId = null)
    {
        using SqliteConnection connection = Connect();
        return groupId is null
            ? Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE deleted IS NULL ORDER BY created, id", ReadSound)
            : Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE deleted IS NULL AND group_id = $g ORDER BY created, id", ReadSound, null, ("$g", groupId));
    }

    public IReadOnlyList<Sound> ListTrash()
    {
        using SqliteConnection connection = Connect();
        return Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE deleted IS NOT NULL ORDER BY deleted DESC", ReadSound);
    }

    public Sound RenameSound(string id, string newName)
    {
        Sound sound = GetSound(id);
        string clean = CleanName(newName, "sound");
        using SqliteConnection connection = Connect();
        Execute(connection, "UPDATE sounds SET name = $name WHERE id = $id", null, ("$name", clean), ("$id", id));
        return sound with { Name = clean };
    }

    public Sound MoveSound(string id, string groupId)
    {
        Sound sound = GetSound(id);
        _ = GetGroup(groupId);
        using SqliteConnection connection = Connect();
        Execute(connection, "UPDATE sounds SET group_id = $g WHERE id = $id", null, ("$g", groupId), ("$id", id));
        return sound with { GroupId = groupId };
    }

    /// <summary>Moves a sound to the trash; <see cref="RestoreSound"/> brings it back.</summary>
    public void DeleteSound(string id)
    {
        _ = GetSound(id);
        using SqliteConnection connection = Connect();
        Execute(connection, "UPDATE sounds SET deleted = $now WHERE id = $id AND deleted IS NULL", null, ("$now", Now()), ("$id", id));
    }

    /// <summary>Takes a sound out of the trash, into its group (re-created if the group was deleted meanwhile).</summary>
    public Sound RestoreSound(string id)
    {
        Sound sound = GetSound(id);
        string groupId = sound.GroupId.Length > 0 && FindGroupById(sound.GroupId) is not null
            ? sound.GroupId
            : GetOrCreateGroup(TrashedFromGroup(id) ?? "restored").Id;
        using SqliteConnection connection = Connect();
        Execute(connection, "UPDATE sounds SET deleted = NULL, group_id = $g, trashed_from_group = NULL WHERE id = $id", null, ("$g", groupId), ("$id", id));
        return sound with { GroupId = groupId, Deleted = null };
    }

    /// <summary>Deletes the trash for good: rows first (one transaction), then their files.</summary>
    public int EmptyTrash()
    {
        IReadOnlyList<Sound> trash = ListTrash();
        using (SqliteConnection connection = Connect())
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            foreach (Sound sound in trash)
            {
                Execute(connection, "DELETE FROM sounds WHERE id = $id", transaction, ("$id", sound.Id));
            }

            transaction.Commit();
        }

        foreach (Sound sound in trash)
        {
            DeleteSoundFiles(sound.Id);
        }

        return trash.Count;
    }

    public string ClipPath(string soundId) => Path.Combine(SoundsFolder, soundId + ".wav");

    /// <summary>The original file as uploaded or recorded, or null (synthesized and generated sounds have none).</summary>
    public string? OriginalPath(string soundId)
    {
        using SqliteConnection connection = Connect();
        string? extension = Query(connection, "SELECT original_extension FROM sounds WHERE id = $id", r => r.IsDBNull(0) ? null : r.GetString(0), null, ("$id", soundId)).FirstOrDefault();
        return extension is null ? null : Path.Combine(OriginalsFolder, soundId + extension);
    }

    public MonoAudio LoadModelInput(string soundId)
    {
        _ = GetSound(soundId);
        string path = ClipPath(soundId);
        if (!File.Exists(path))
        {
            throw new WorkspaceException($"the audio of sound '{soundId}' is missing from {SoundsFolder}; run asciml doctor");
        }

        return WavReader.Read(File.ReadAllBytes(path), path).Audio;
    }

    /// <summary>The sound's features, from the cache when it is current, else computed and cached.</summary>
    public SoundFeatures GetFeatures(string soundId)
    {
        using SqliteConnection connection = Connect();
        var cached = Query(connection, "SELECT features, features_version FROM sounds WHERE id = $id",
            r => (Json: r.IsDBNull(0) ? null : r.GetString(0), Version: r.IsDBNull(1) ? 0 : r.GetInt32(1)), null, ("$id", soundId));
        if (cached.Count == 0)
        {
            throw new WorkspaceException($"there is no sound with id '{soundId}'", ErrorKind.NotFound);
        }

        if (cached[0].Json is string json && cached[0].Version == FeatureExtractor.Version)
        {
            return JsonSerializer.Deserialize<SoundFeatures>(json, FeatureJson)!;
        }

        SoundFeatures features = FeatureExtractor.Extract(LoadModelInput(soundId).Samples);
        Execute(connection, "UPDATE sounds SET features = $f, features_version = $v WHERE id = $id", null,
            ("$f", JsonSerializer.Serialize(features, FeatureJson)), ("$v", FeatureExtractor.Version), ("$id", soundId));
        return features;
    }

    /// <summary>The sounds of some groups (all when none given) with their features, for the dataset views.</summary>
    public IReadOnlyList<AnalyzedSound> Analyze(IEnumerable<string>? groupIds = null)
    {
        Dictionary<string, Group> groups = ListGroups().ToDictionary(g => g.Id);
        HashSet<string>? wanted = groupIds?.ToHashSet();
        return ListSounds()
            .Where(s => wanted is null || wanted.Contains(s.GroupId))
            .Select(s => new AnalyzedSound(s.Id, s.Name, groups[s.GroupId].Name, groups[s.GroupId].Colour, GetFeatures(s.Id)))
            .ToList();
    }

    public GenerationProvenance? GetGenerationProvenance(string soundId)
    {
        using SqliteConnection connection = Connect();
        return Query(connection, "SELECT sound_id, model_id, from_sound_id, to_sound_id, amount FROM generated_sounds WHERE sound_id = $id",
            r => new GenerationProvenance(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDouble(4)),
            null, ("$id", soundId)).FirstOrDefault();
    }

    /// <summary>Deletes a sound's row and files at once, without the trash (for repairs).</summary>
    internal void ForgetSound(string soundId)
    {
        using (SqliteConnection connection = Connect())
        {
            Execute(connection, "DELETE FROM sounds WHERE id = $id", null, ("$id", soundId));
        }

        DeleteSoundFiles(soundId);
    }

    private string? TrashedFromGroup(string soundId)
    {
        using SqliteConnection connection = Connect();
        return Query(connection, "SELECT trashed_from_group FROM sounds WHERE id = $id", r => r.IsDBNull(0) ? null : r.GetString(0), null, ("$id", soundId)).FirstOrDefault();
    }

    private void DeleteSoundFiles(string soundId)
    {
        File.Delete(ClipPath(soundId));
        foreach (string original in Directory.EnumerateFiles(OriginalsFolder, soundId + ".*"))
        {
            File.Delete(original);
        }
    }

    /// <summary>Keeps a short alphanumeric extension of the original name; anything else becomes ".bin".</summary>
    private static string SafeExtension(string? fileName)
    {
        string extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return extension.Length is > 1 and <= 6 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : ".bin";
    }

    private static Sound ReadSound(SqliteDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? "" : r.GetString(1),
        r.GetString(2),
        Enum.Parse<SoundSource>(r.GetString(3), ignoreCase: true),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        ParseTime(r.GetString(6)),
        r.IsDBNull(7) ? null : ParseTime(r.GetString(7)));
}
