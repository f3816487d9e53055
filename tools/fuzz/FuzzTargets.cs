using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Storage;

namespace Asciml.Fuzz;

/// <summary>
/// The fuzz targets. Each runs one input and returns null when the behaviour was acceptable — a decoded result, or
/// one of our own one-line errors (<see cref="AscimlException"/>) — and otherwise describes the failure: any other
/// exception, a multi-line message, or (archive) a refused import that changed the workspace.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["wav", "archive"];

    public static string? Wav(byte[] input)
    {
        try
        {
            DecodedAudio decoded = AudioFileReader.Read(input, "fuzz.wav");
            MonoAudio clip = ModelInput.FromAudio(decoded.Audio);
            if (clip.Samples.Length != ModelInputFormat.LengthSamples || clip.Samples.Any(s => !float.IsFinite(s)))
            {
                return "decoded into a model input that is not 16000 finite samples";
            }

            return null;
        }
        catch (AscimlException error)
        {
            return error.Message.Contains('\n') ? $"multi-line message: {error.Message}" : null;
        }
        catch (Exception error)
        {
            return $"{error.GetType().Name}: {error.Message}";
        }
    }

    /// <summary>
    /// Imports the bytes as a dataset zip into <paramref name="workspace"/> (which must be empty); a refusal must leave
    /// it empty. Returns whether the import succeeded, so the caller can start afresh.
    /// </summary>
    public static string? Archive(byte[] input, Workspace workspace, string zip, out bool imported)
    {
        imported = false;
        File.WriteAllBytes(zip, input);
        try
        {
            DatasetArchive.Import(workspace, zip);
            imported = true;
            return null;
        }
        catch (AscimlException error)
        {
            if (error.Message.Contains('\n'))
            {
                return $"multi-line message: {error.Message}";
            }

            if (workspace.Groups.List().Count > 0 || workspace.Sounds.List().Count > 0
                || Directory.EnumerateFileSystemEntries(workspace.SoundsFolder).Any() || Directory.EnumerateFileSystemEntries(workspace.OriginalsFolder).Any())
            {
                imported = true; // not empty any more: start afresh
                return $"refused ({error.Message}) but left groups, sounds or files behind";
            }

            return null;
        }
        catch (Exception error)
        {
            imported = true;
            return $"{error.GetType().Name}: {error.Message}";
        }
    }

    /// <summary>Runs one archive input in a fresh workspace under <paramref name="scratchFolder"/> (for replaying saved inputs).</summary>
    public static string? Archive(byte[] input, string scratchFolder)
    {
        string folder = Path.Combine(scratchFolder, $"ws-{Guid.NewGuid():N}");
        try
        {
            using Workspace workspace = Workspace.Open(folder);
            return Archive(input, workspace, Path.Combine(scratchFolder, "fuzz.zip"), out _);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
