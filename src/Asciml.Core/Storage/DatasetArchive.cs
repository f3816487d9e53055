using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.IO;

namespace Asciml.Core.Storage;

/// <summary>
/// A dataset as one zip: a folder of WAVs per group (32-bit float model inputs, so nothing is lost),
/// <c>features.csv</c> and <c>manifest.json</c> (groups with colours and descriptions; sounds with names, sources and
/// synthesis recipes). Importing it back recreates the same groups and sample-identical sounds.
/// </summary>
public static class DatasetArchive
{
    public const int FormatVersion = 1;

    // Nullable where a damaged or hand-made manifest may leave them out: ReadManifest refuses those in one line.
    private sealed record ManifestGroup(string Name, string? Colour, string? Description);

    private sealed record ManifestSound(string? Id, string Name, string Group, string? Source, string? SynthesisParameters, string File);

    private sealed record Manifest(int FormatVersion, string? Application, IReadOnlyList<ManifestGroup> Groups, IReadOnlyList<ManifestSound> Sounds);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes the dataset (or one group) to a zip, atomically. Returns how many sounds it holds.</summary>
    public static int Export(Workspace workspace, string zipPath, string? groupName = null)
    {
        IReadOnlyList<Group> groups = groupName is null ? workspace.Groups.List() : [workspace.Groups.GetByName(groupName)];
        var manifestSounds = new List<ManifestSound>();
        var featureRows = new List<(string, SoundFeatures)>();
        var sounds = workspace.Sounds.ListWithFeatures(groups.Select(g => g.Id));
        AtomicFile.Write(zipPath, stream =>
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            var usedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (Group group in groups)
            {
                string folder = Unique(SafeFileName(group.Name), usedFolders);
                var usedFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach ((Sound sound, SoundFeatures features) in sounds.Where(s => s.Sound.GroupId == group.Id))
                {
                    string entryName = $"{folder}/{Unique(SafeFileName(sound.Name), usedFiles)}.wav";
                    archive.CreateEntryFromFile(workspace.Sounds.ClipPath(sound.Id), entryName, CompressionLevel.Fastest);
                    manifestSounds.Add(new ManifestSound(sound.Id, sound.Name, group.Name, sound.Source.ToString().ToLowerInvariant(), sound.SynthesisParameters, entryName));
                    featureRows.Add((entryName, features));
                }
            }

            using (var writer = new StreamWriter(archive.CreateEntry("features.csv").Open(), new UTF8Encoding(false)))
            {
                FeatureCsv.Write(writer, featureRows);
            }

            var manifest = new Manifest(FormatVersion, "asciml", groups.Select(g => new ManifestGroup(g.Name, g.Colour, g.Description)).ToList(), manifestSounds);
            using Stream manifestStream = archive.CreateEntry("manifest.json").Open();
            JsonSerializer.Serialize(manifestStream, manifest, Json);
        });

        return manifestSounds.Count;
    }

    public static bool IsDatasetArchive(string path) => Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>The most entries (files) an archive may hold, and the most sounds its manifest may list.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>The most bytes all entries may expand to together (a 10 000-sound dataset of 1 s clips is ~650 MB).</summary>
    public const long MaxExpandedBytes = 1L << 30;

    /// <summary>Expanded size may exceed <see cref="MaxCompressionRatio"/> times the archive's size only below this.</summary>
    public const long RatioFreeBytes = 256L * 1024 * 1024;

    /// <summary>How many times larger than the zip its content may be once it passes <see cref="RatioFreeBytes"/>.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>The largest manifest.json read.</summary>
    public const int MaxManifestBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Imports a dataset zip: groups are matched by name (created when missing, with the archive's colour), sounds are
    /// added in one transaction. Entry paths are never used as file system paths. Every limit (entries, expanded
    /// size, ratio) is checked before anything is written, every sound decoded before any group is created, so a
    /// damaged archive leaves the workspace as it was: no files, no empty groups.
    /// </summary>
    public static IReadOnlyList<Sound> Import(Workspace workspace, string zipPath, string? intoGroupName = null)
    {
        string shown = AudioLimits.DisplayName(zipPath);
        long archiveBytes = InputFiles.RequireRegularFile(zipPath);
        using ZipArchive archive = OpenArchive(zipPath, shown);
        (Manifest manifest, List<(ManifestSound Sound, MonoAudio Clip)> decoded) = ReadAll(archive, archiveBytes, shown);

        var groupIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var created = new List<string>();
        try
        {
            string GroupIdFor(string name)
            {
                string target = intoGroupName ?? name;
                if (!groupIds.TryGetValue(target, out string? id))
                {
                    ManifestGroup? described = manifest.Groups.FirstOrDefault(g => g.Name.Equals(target, StringComparison.OrdinalIgnoreCase));
                    Group? existing = workspace.Groups.FindByName(target);
                    if (existing is null)
                    {
                        existing = workspace.Groups.Create(target, ValidColourOrNull(described?.Colour), described?.Description ?? "");
                        created.Add(existing.Id);
                    }

                    id = existing.Id;
                    groupIds[target] = id;
                }

                return id;
            }

            var sounds = decoded.Select(d =>
            {
                SoundSource source = Enum.TryParse(d.Sound.Source, ignoreCase: true, out SoundSource parsed) && Enum.IsDefined(parsed) ? parsed : SoundSource.Uploaded;
                return new NewSound(GroupIdFor(d.Sound.Group), d.Sound.Name, source, d.Clip, SynthesisParameters: d.Sound.SynthesisParameters);
            }).ToList();
            foreach (ManifestGroup group in manifest.Groups)
            {
                GroupIdFor(group.Name); // empty groups come back too
            }

            return workspace.Sounds.AddRange(sounds);
        }
        catch
        {
            // Sounds.AddRange removed its own files; groups this import made would stay behind empty.
            foreach (string id in created)
            {
                try
                {
                    workspace.Groups.Delete(id, new GroupDeletion.TrashSounds());
                }
                catch (Exception error) when (error is AscimlException or IOException or Microsoft.Data.Sqlite.SqliteException)
                {
                    // the original error matters more
                }
            }

            throw;
        }
    }

    private static (Manifest Manifest, List<(ManifestSound Sound, MonoAudio Clip)> Sounds) ReadAll(ZipArchive archive, long archiveBytes, string shown)
    {
        try
        {
            CheckLimits(archive, archiveBytes, shown);
            Manifest manifest = ReadManifest(archive, shown);
            var decoded = new List<(ManifestSound, MonoAudio)>(manifest.Sounds.Count);
            foreach (ManifestSound sound in manifest.Sounds)
            {
                ZipArchiveEntry entry = archive.GetEntry(sound.File) ?? throw Damaged(shown, $"{AudioLimits.DisplayName(sound.File)} is listed in manifest.json but missing");
                byte[] content = ReadEntry(entry, AudioFileReader.MaxFileBytes, shown);
                MonoAudio clip = ModelInput.FromAudio(AudioFileReader.Read(content, $"{shown}: {sound.File}").Audio);
                decoded.Add((sound, clip));
            }

            return (manifest, decoded);
        }
        catch (Exception error) when (error is InvalidDataException or IOException or NotSupportedException)
        {
            throw Damaged(shown, OneLine(error.Message));
        }
    }

    /// <summary>Declared sizes are checked here; <see cref="ReadEntry"/> holds every entry to its declared size while reading.</summary>
    private static void CheckLimits(ZipArchive archive, long archiveBytes, string shown)
    {
        if (archive.Entries.Count > MaxEntries)
        {
            throw new WorkspaceException($"{shown}: the archive holds {archive.Entries.Count} entries, more than the {MaxEntries} allowed");
        }

        long expanded = 0;
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            if (entry.Length < 0 || entry.Length > AudioFileReader.MaxFileBytes)
            {
                throw new WorkspaceException($"{shown}: {AudioLimits.DisplayName(entry.FullName)} expands to {entry.Length / (1024 * 1024)} MB, more than one sound may ({AudioFileReader.MaxFileBytes / (1024 * 1024)} MB)");
            }

            expanded += entry.Length;
        }

        if (expanded > MaxExpandedBytes)
        {
            throw new WorkspaceException($"{shown}: the archive expands to {expanded / (1024 * 1024)} MB, more than the {MaxExpandedBytes / (1024 * 1024)} MB allowed");
        }

        if (expanded > RatioFreeBytes && expanded > MaxCompressionRatio * Math.Max(1, archiveBytes))
        {
            throw new WorkspaceException($"{shown}: the archive expands {expanded / Math.Max(1, archiveBytes)} times its size (a zip bomb?); at most {MaxCompressionRatio} times is allowed");
        }
    }

    private static Manifest ReadManifest(ZipArchive archive, string shown)
    {
        ZipArchiveEntry manifestEntry = archive.GetEntry("manifest.json")
            ?? throw new WorkspaceException($"{shown}: not an Asciml dataset (no manifest.json)");
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(ReadEntry(manifestEntry, MaxManifestBytes, shown), Json);
        }
        catch (JsonException error)
        {
            throw Damaged(shown, $"manifest.json is not valid: {OneLine(error.Message)}");
        }

        if (manifest is null)
        {
            throw Damaged(shown, "manifest.json is empty");
        }

        if (manifest.FormatVersion > FormatVersion)
        {
            throw new WorkspaceException($"{shown}: dataset format {manifest.FormatVersion} is newer than this Asciml understands ({FormatVersion})");
        }

        if (manifest.FormatVersion < 1)
        {
            throw Damaged(shown, "manifest.json has no format_version");
        }

        if (manifest.Groups is null || manifest.Sounds is null)
        {
            throw Damaged(shown, $"manifest.json has no {(manifest.Groups is null ? "groups" : "sounds")} list");
        }

        if (manifest.Sounds.Count > MaxEntries)
        {
            throw new WorkspaceException($"{shown}: manifest.json lists {manifest.Sounds.Count} sounds, more than the {MaxEntries} allowed");
        }

        for (int i = 0; i < manifest.Groups.Count; i++)
        {
            if (manifest.Groups[i] is not { } group || string.IsNullOrWhiteSpace(group.Name))
            {
                throw Damaged(shown, $"manifest.json group {i + 1} has no name");
            }
        }

        for (int i = 0; i < manifest.Sounds.Count; i++)
        {
            ManifestSound? sound = manifest.Sounds[i];
            string? problem = sound is null ? "is empty"
                : string.IsNullOrWhiteSpace(sound.File) ? "has no file"
                : string.IsNullOrWhiteSpace(sound.Group) ? "has no group"
                : string.IsNullOrWhiteSpace(sound.Name) ? "has no name"
                : null;
            if (problem is not null)
            {
                throw Damaged(shown, $"manifest.json sound {i + 1} {problem}");
            }
        }

        return manifest;
    }

    /// <summary>An entry's bytes, never more than its declared length nor <paramref name="limit"/>, whatever the stream yields.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, long limit, string shown)
    {
        if (entry.Length > limit)
        {
            throw new WorkspaceException($"{shown}: {AudioLimits.DisplayName(entry.FullName)} is larger than {limit / (1024 * 1024)} MB");
        }

        using Stream stream = entry.Open();
        using var buffer = new MemoryStream((int)entry.Length);
        byte[] chunk = new byte[81920];
        int count;
        while ((count = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + count > entry.Length)
            {
                throw Damaged(shown, $"{AudioLimits.DisplayName(entry.FullName)} expands beyond its declared {entry.Length} bytes");
            }

            buffer.Write(chunk, 0, count);
        }

        return buffer.ToArray();
    }

    private static string? ValidColourOrNull(string? colour) =>
        colour is { Length: 7 } && colour[0] == '#' && colour[1..].All(char.IsAsciiHexDigit) ? colour : null;

    private static WorkspaceException Damaged(string shown, string why) => new($"{shown}: damaged archive ({why})");

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    private static ZipArchive OpenArchive(string zipPath, string shown)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException error)
        {
            throw new WorkspaceException($"{shown}: not a readable zip file ({OneLine(error.Message)})");
        }
        catch (FileNotFoundException)
        {
            throw new WorkspaceException($"{shown}: no such file");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new WorkspaceException($"{shown}: cannot be read ({OneLine(error.Message)})");
        }
    }

    /// <summary>User names become archive entry names only after removing anything path-like.</summary>
    internal static string SafeFileName(string name)
    {
        var builder = new StringBuilder();
        foreach (char c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '(' or ')' ? c : '_');
        }

        string safe = builder.ToString().Trim().Trim('.');
        return safe.Length == 0 ? "sound" : safe.Length > 80 ? safe[..80] : safe;
    }

    private static string Unique(string name, HashSet<string> used)
    {
        string candidate = name;
        for (int i = 2; !used.Add(candidate); i++)
        {
            candidate = $"{name} ({i})";
        }

        return candidate;
    }
}
