using System.Text.Json;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.IO;
using Microsoft.Data.Sqlite;
using static Asciml.Core.Storage.Database;

namespace Asciml.Core.Storage;

/// <summary>A sound about to be added: its model input, and its original file when there is one.</summary>
public sealed record NewSound(string GroupId, string Name, SoundSource Source, MonoAudio ModelInput,
    byte[]? OriginalBytes = null, string? OriginalFileName = null, string? SynthesisParameters = null, GenerationProvenance? Generation = null);

/// <summary>
/// The sounds of a workspace: rows in <c>sounds</c>, model inputs in the sounds folder, originals in the originals
/// folder, a trash, cached features, and the provenance of generated sounds. Files go in place before the row commits.
/// </summary>
public sealed class SoundStore
{
    private const string SoundColumns = "id, group_id, name, source, synthesis_parameters, original_file_name, created, deleted, trashed_from_group";
    private static readonly JsonSerializerOptions FeatureJson = new();
    private readonly Database _database;
    private readonly string _soundsFolder;
    private readonly string _originalsFolder;
    private readonly GroupStore _groups;

    internal SoundStore(Database database, string soundsFolder, string originalsFolder, GroupStore groups)
    {
        _database = database;
        _soundsFolder = soundsFolder;
        _originalsFolder = originalsFolder;
        _groups = groups;
    }

    public Sound Add(NewSound sound) => AddRange([sound])[0];

    /// <summary>Adds sounds in one transaction: all of them land, or none.</summary>
    public IReadOnlyList<Sound> AddRange(IReadOnlyList<NewSound> sounds)
    {
        var prepared = new List<(Sound Sound, string FeaturesJson, string? Extension, GenerationProvenance? Generation)>();
        var written = new List<string>();
        try
        {
            AddOrThrow(sounds, prepared, written);
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

    private void AddOrThrow(IReadOnlyList<NewSound> sounds, List<(Sound Sound, string FeaturesJson, string? Extension, GenerationProvenance? Generation)> prepared, List<string> written)
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
                written.Add(Path.Combine(_originalsFolder, id + extension));
                AtomicFile.WriteAllBytes(Path.Combine(_originalsFolder, id + extension), item.OriginalBytes);
            }

            prepared.Add((sound, features, extension, item.Generation is null ? null : item.Generation with { SoundId = id }));
        }

        using SqliteConnection connection = _database.Connect();
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

    public Sound Get(string id) => Find(id) ?? throw new WorkspaceException($"there is no sound with id '{id}'", ErrorKind.NotFound);

    public Sound? Find(string id)
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE id = $id", ReadSound, null, ("$id", id)).FirstOrDefault();
    }

    /// <summary>Sounds not in the trash, of one group or all, oldest first.</summary>
    public IReadOnlyList<Sound> List(string? groupId = null)
    {
        using SqliteConnection connection = _database.Connect();
        return groupId is null
            ? Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE deleted IS NULL ORDER BY created, id", ReadSound)
            : Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE deleted IS NULL AND group_id = $g ORDER BY created, id", ReadSound, null, ("$g", groupId));
    }

    /// <summary>How many sounds (not in the trash) each group holds, in one query; groups without sounds are absent.</summary>
    public IReadOnlyDictionary<string, int> CountByGroup()
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, "SELECT group_id, COUNT(*) FROM sounds WHERE deleted IS NULL AND group_id IS NOT NULL GROUP BY group_id",
            r => (Group: r.GetString(0), Count: r.GetInt32(1))).ToDictionary(c => c.Group, c => c.Count, StringComparer.Ordinal);
    }

    public IReadOnlyList<Sound> ListTrash()
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, $"SELECT {SoundColumns} FROM sounds WHERE deleted IS NOT NULL ORDER BY deleted DESC", ReadSound);
    }

    public Sound Rename(string id, string newName)
    {
        Sound sound = Get(id);
        string clean = CleanName(newName, "sound");
        using SqliteConnection connection = _database.Connect();
        Execute(connection, "UPDATE sounds SET name = $name WHERE id = $id", null, ("$name", clean), ("$id", id));
        return sound with { Name = clean };
    }

    public Sound Move(string id, string groupId)
    {
        Sound sound = Get(id);
        _ = _groups.Get(groupId);
        using SqliteConnection connection = _database.Connect();
        Execute(connection, "UPDATE sounds SET group_id = $g WHERE id = $id", null, ("$g", groupId), ("$id", id));
        return sound with { GroupId = groupId };
    }

    /// <summary>Moves a sound to the trash; <see cref="Restore"/> brings it back.</summary>
    public void Delete(string id)
    {
        _ = Get(id);
        using SqliteConnection connection = _database.Connect();
        Execute(connection, "UPDATE sounds SET deleted = $now WHERE id = $id AND deleted IS NULL", null, ("$now", Now()), ("$id", id));
    }

    /// <summary>Takes a sound out of the trash, into its group (re-created if the group was deleted meanwhile).</summary>
    public Sound Restore(string id)
    {
        Sound sound = Get(id);
        string groupId = sound.GroupId.Length > 0 && _groups.Find(sound.GroupId) is not null
            ? sound.GroupId
            : _groups.GetOrCreate(TrashedFromGroup(id) ?? "restored").Id;
        using SqliteConnection connection = _database.Connect();
        Execute(connection, "UPDATE sounds SET deleted = NULL, group_id = $g, trashed_from_group = NULL WHERE id = $id", null, ("$g", groupId), ("$id", id));
        return sound with { GroupId = groupId, Deleted = null };
    }

    /// <summary>Deletes the trash for good: rows first (one transaction), then their files.</summary>
    public int EmptyTrash()
    {
        IReadOnlyList<Sound> trash = ListTrash();
        using (SqliteConnection connection = _database.Connect())
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

    public string ClipPath(string soundId) => Path.Combine(_soundsFolder, soundId + ".wav");

    /// <summary>The original file as uploaded or recorded, or null (synthesized and generated sounds have none).</summary>
    public string? OriginalPath(string soundId)
    {
        using SqliteConnection connection = _database.Connect();
        string? extension = Query(connection, "SELECT original_extension FROM sounds WHERE id = $id", r => r.IsDBNull(0) ? null : r.GetString(0), null, ("$id", soundId)).FirstOrDefault();
        return extension is null ? null : Path.Combine(_originalsFolder, soundId + extension);
    }

    public MonoAudio LoadModelInput(string soundId)
    {
        _ = Get(soundId);
        return ReadClip(soundId);
    }

    private MonoAudio ReadClip(string soundId)
    {
        string path = ClipPath(soundId);
        if (!File.Exists(path))
        {
            throw new WorkspaceException($"the audio of sound '{soundId}' is missing from {_soundsFolder}; run asciml doctor");
        }

        return WavReader.Read(File.ReadAllBytes(path), path).Audio;
    }

    /// <summary>
    /// Sounds not in the trash (of the given groups, or all), oldest first, with their features, read in one query: the
    /// dataset views, plots, `features --group` and export made one query per sound before. Features missing or from an
    /// older extractor are computed in parallel and cached in one transaction.
    /// </summary>
    public IReadOnlyList<(Sound Sound, SoundFeatures Features)> ListWithFeatures(IEnumerable<string>? groupIds = null)
    {
        HashSet<string>? wanted = groupIds?.ToHashSet(StringComparer.Ordinal);
        using SqliteConnection connection = _database.Connect();
        var rows = Query(connection, $"SELECT {SoundColumns}, features, features_version FROM sounds WHERE deleted IS NULL ORDER BY created, id",
                r => (Sound: ReadSound(r), Json: r.IsDBNull(9) ? null : r.GetString(9), Version: r.IsDBNull(10) ? 0 : r.GetInt32(10)))
            .Where(r => wanted is null || wanted.Contains(r.Sound.GroupId)).ToList();
        var features = new SoundFeatures?[rows.Count];
        var stale = new List<int>();
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Json is string json && rows[i].Version == FeatureExtractor.Version)
            {
                features[i] = JsonSerializer.Deserialize<SoundFeatures>(json, FeatureJson)!;
            }
            else
            {
                stale.Add(i);
            }
        }

        if (stale.Count > 0)
        {
            Parallel.ForEach(stale, i => features[i] = FeatureExtractor.Extract(ReadClip(rows[i].Sound.Id).Samples));
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            foreach (int i in stale)
            {
                Execute(connection, "UPDATE sounds SET features = $f, features_version = $v WHERE id = $id", transaction,
                    ("$f", JsonSerializer.Serialize(features[i], FeatureJson)), ("$v", FeatureExtractor.Version), ("$id", rows[i].Sound.Id));
            }

            transaction.Commit();
        }

        return rows.Select((r, i) => (r.Sound, features[i]!)).ToList();
    }

    /// <summary>The sound's features, from the cache when it is current, else computed and cached.</summary>
    public SoundFeatures GetFeatures(string soundId)
    {
        using SqliteConnection connection = _database.Connect();
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

    public GenerationProvenance? GetProvenance(string soundId)
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, "SELECT sound_id, model_id, from_sound_id, to_sound_id, amount FROM generated_sounds WHERE sound_id = $id",
            r => new GenerationProvenance(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetDouble(4)),
            null, ("$id", soundId)).FirstOrDefault();
    }

    /// <summary>Deletes a sound's row and files at once, without the trash (for repairs).</summary>
    internal void Forget(string soundId)
    {
        using (SqliteConnection connection = _database.Connect())
        {
            Execute(connection, "DELETE FROM sounds WHERE id = $id", null, ("$id", soundId));
        }

        DeleteSoundFiles(soundId);
    }

    private string? TrashedFromGroup(string soundId)
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, "SELECT trashed_from_group FROM sounds WHERE id = $id", r => r.IsDBNull(0) ? null : r.GetString(0), null, ("$id", soundId)).FirstOrDefault();
    }

    private void DeleteSoundFiles(string soundId)
    {
        File.Delete(ClipPath(soundId));
        foreach (string original in Directory.EnumerateFiles(_originalsFolder, soundId + ".*"))
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
