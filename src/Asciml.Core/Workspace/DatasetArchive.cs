using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Asciml.Core.Audio;
using Asciml.Core.Features;

namespace Asciml.Core.Workspace;

/// <summary>
/// A dataset as one zip: a folder of WAVs per group (32-bit float model inputs, so nothing is lost),
/// <c>features.csv</c> and <c>manifest.json</c> (groups with colours and descriptions; sounds with names, sources and
/// synthesis recipes). Importing it back recreates the same groups and sample-identical sounds.
/// </summary>
public static class DatasetArchive
{
    public const int FormatVersion = 1;

    private sealed record ManifestGroup(string Name, string Colour, string Description);

    private sealed record ManifestSound(string Id, string Name, string Group, string Source, string? SynthesisParameters, string File);

    private sealed record Manifest(int FormatVersion, string Application, IReadOnlyList<ManifestGroup> Groups, IReadOnlyList<ManifestSound> Sounds);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes the dataset (or one group) to a zip, atomically. Returns how many sounds it holds.</summary>
    public static int Export(Workspace workspace, string zipPath, string? groupName = null)
    {
        IReadOnlyList<Group> groups = groupName is null ? workspace.ListGroups() : [workspace.GetGroupByName(groupName)];
        var manifestSounds = new List<ManifestSound>();
        var featureRows = new List<(string, SoundFeatures)>();
        string fullPath = Path.GetFullPath(zipPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temporary = fullPath + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var archive = ZipFile.Open(temporary, ZipArchiveMode.Create))
            {
                var usedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (Group group in groups)
                {
                    string folder = Unique(SafeFileName(group.Name), usedFolders);
                    var usedFiles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (Sound sound in workspace.ListSounds(group.Id))
                    {
                        string entryName = $"{folder}/{Unique(SafeFileName(sound.Name), usedFiles)}.wav";
                        archive.CreateEntryFromFile(workspace.ClipPath(sound.Id), entryName, CompressionLevel.Fastest);
                        manifestSounds.Add(new ManifestSound(sound.Id, sound.Name, group.Name, sound.Source.ToString().ToLowerInvariant(), sound.SynthesisParameters, entryName));
                        featureRows.Add((entryName, workspace.GetFeatures(sound.Id)));
                    }
                }

                using (var writer = new StreamWriter(archive.CreateEntry("features.csv").Open(), new UTF8Encoding(false)))
                {
                    FeatureCsv.Write(writer, featureRows);
                }

                var manifest = new Manifest(FormatVersion, "asciml", groups.Select(g => new ManifestGroup(g.Name, g.Colour, g.Description)).ToList(), manifestSounds);
                using Stream manifestStream = archive.CreateEntry("manifest.json").Open();
                JsonSerializer.Serialize(manifestStream, manifest, Json);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return manifestSounds.Count;
    }

    public static bool IsDatasetArchive(string path) => Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Imports a dataset zip: groups are matched by name (created when missing, with the archive's colour), sounds are
    /// added in one transaction. Entry paths are never used as file system paths.
    /// </summary>
    public static IReadOnlyList<Sound> Import(Workspace workspace, string zipPath, string? intoGroupName = null)
    {
        using ZipArchive archive = OpenArchive(zipPath);
        ZipArchiveEntry manifestEntry = archive.GetEntry("manifest.json")
            ?? throw new WorkspaceException($"{zipPath}: not an Asciml dataset (no manifest.json)");
        Manifest manifest;
        try
        {
            using Stream stream = manifestEntry.Open();
            manifest = JsonSerializer.Deserialize<Manifest>(stream, Json) ?? throw new JsonException("empty manifest");
        }
        catch (JsonException error)
        {
            throw new WorkspaceException($"{zipPath}: manifest.json is damaged ({error.Message})");
        }

        if (manifest.FormatVersion > FormatVersion)
        {
            throw new WorkspaceException($"{zipPath}: dataset format {manifest.FormatVersion} is newer than this Asciml understands ({FormatVersion})");
        }

        var groupIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string GroupIdFor(string name)
        {
            string target = intoGroupName ?? name;
            if (!groupIds.TryGetValue(target, out string? id))
            {
                ManifestGroup? described = manifest.Groups.FirstOrDefault(g => g.Name.Equals(target, StringComparison.OrdinalIgnoreCase));
                id = (workspace.FindGroup(target) ?? workspace.CreateGroup(target, described?.Colour, described?.Description ?? "")).Id;
                groupIds[target] = id;
            }

            return id;
        }

        var sounds = new List<NewSound>();
        foreach (ManifestSound sound in manifest.Sounds)
        {
            ZipArchiveEntry entry = archive.GetEntry(sound.File) ?? throw new WorkspaceException($"{zipPath}: {sound.File} is listed in manifest.json but missing");
            if (entry.Length > AudioFileReader.MaxFileBytes)
            {
                throw new WorkspaceException($"{zipPath}: {sound.File} is larger than {AudioFileReader.MaxFileBytes / (1024 * 1024)} MB");
            }

            using var buffer = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            MonoAudio clip = ModelInput.FromAudio(AudioFileReader.Read(buffer.ToArray(), sound.File).Audio);
            SoundSource source = Enum.TryParse(sound.Source, ignoreCase: true, out SoundSource parsed) ? parsed : SoundSource.Uploaded;
            sounds.Add(new NewSound(GroupIdFor(sound.Group), sound.Name, source, clip, SynthesisParameters: sound.SynthesisParameters));
        }

        foreach (ManifestGroup group in manifest.Groups)
        {
            GroupIdFor(group.Name); // empty groups come back too
        }

        return workspace.AddSounds(sounds);
    }

    private static ZipArchive OpenArchive(string zipPath)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException error)
        {
            throw new WorkspaceException($"{zipPath}: not a readable zip file ({error.Message})");
        }
        catch (FileNotFoundException)
        {
            throw new WorkspaceException($"{zipPath}: no such file");
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
