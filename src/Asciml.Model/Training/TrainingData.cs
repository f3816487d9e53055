using Asciml.Core;
using Asciml.Core.Audio;

namespace Asciml.Model.Training;

/// <summary>One clip to train on: a name (for messages) and its model input (16 kHz, 16000 samples).</summary>
public sealed record TrainingClip(string Name, MonoAudio Audio);

/// <summary>The sounds a model learns from, checked to be model inputs with finite samples.</summary>
public sealed class TrainingData
{
    private TrainingData(IReadOnlyList<TrainingClip> clips, string description)
    {
        Clips = clips;
        Description = description;
    }

    public IReadOnlyList<TrainingClip> Clips { get; }

    /// <summary>Where the data came from, kept in the model's provenance.</summary>
    public string Description { get; }

    public int Count => Clips.Count;

    /// <summary>From model inputs (e.g. the sounds of workspace groups).</summary>
    public static TrainingData FromClips(IReadOnlyList<TrainingClip> clips, string description)
    {
        ArgumentNullException.ThrowIfNull(clips);
        if (clips.Count == 0)
        {
            throw new AscimlException($"no sounds to train on ({description}): add sounds first");
        }

        foreach (TrainingClip clip in clips)
        {
            Validate(clip);
        }

        return new TrainingData(clips.ToArray(), description);
    }

    /// <summary>From model inputs without names (they are numbered).</summary>
    public static TrainingData FromAudio(IReadOnlyList<MonoAudio> sounds, string description) =>
        FromClips(sounds.Select((audio, index) => new TrainingClip($"sound {index + 1}", audio)).ToArray(), description);

    /// <summary>Every .wav in a folder (sorted by name), each turned into a model input.</summary>
    public static TrainingData FromFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new AscimlException($"data folder '{folder}' does not exist: give a folder of WAV files");
        }

        string[] files = Directory.GetFiles(folder)
            .Where(file => file.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new AscimlException($"data folder '{folder}' has no .wav files: add sounds or convert them with `asciml convert`");
        }

        return FromClips(files.Select(file => new TrainingClip(Path.GetFileName(file), ModelInput.Load(file))).ToArray(),
            $"folder {Path.GetFullPath(folder)} ({files.Length} WAV files)");
    }

    private static void Validate(TrainingClip clip) => ModelInputFormat.Check(clip.Audio, $"sound '{clip.Name}'");
}
