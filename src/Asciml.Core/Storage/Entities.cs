namespace Asciml.Core.Storage;

/// <summary>Where a sound came from.</summary>
public enum SoundSource
{
    Recorded,
    Synthesized,
    Uploaded,
    Generated,
}

/// <summary>A named, coloured set of sounds (the paper's "group ID").</summary>
public sealed record Group(string Id, string Name, string Colour, string Description, DateTimeOffset Created);

/// <summary>
/// One sound of the dataset. Its model input (mono, 16 kHz, 16000 samples) is always stored; the original file too
/// when there was one (uploads, recordings). <see cref="SynthesisParameters"/> is the recipe JSON of synthesized
/// sounds. <see cref="Deleted"/> is set while the sound is in the trash.
/// </summary>
public sealed record Sound(string Id, string GroupId, string Name, SoundSource Source, string? SynthesisParameters,
    string? OriginalFileName, DateTimeOffset Created, DateTimeOffset? Deleted);

/// <summary>A trained model registered in the workspace; <see cref="FileName"/> is relative to the models folder.</summary>
public sealed record ModelEntry(string Id, string Name, string Preset, string FileName, string SettingsJson, string ProvenanceJson, DateTimeOffset Created);

public enum TrainingStatus
{
    Running,
    Completed,
    Stopped,
    Failed,
}

/// <summary>Losses of one finished epoch.</summary>
public sealed record TrainingRunEpoch(int Epoch, double Total, double Reconstruction, double Kl, double? Stft);

public sealed record TrainingRun(string Id, string? ModelId, string SettingsJson, TrainingStatus Status, string? Message,
    DateTimeOffset Started, DateTimeOffset? Finished, IReadOnlyList<TrainingRunEpoch> Epochs);

/// <summary>How a generated sound was made: interpolating from one sound to another with a model.</summary>
public sealed record GenerationProvenance(string SoundId, string? ModelId, string? FromSoundId, string? ToSoundId, double Amount);

/// <summary>What to do with a group's sounds when the group is deleted.</summary>
public abstract record GroupDeletion
{
    private GroupDeletion() { }

    public sealed record MoveSoundsTo(string GroupId) : GroupDeletion;

    public sealed record TrashSounds : GroupDeletion;
}

/// <summary>A name, id or state the workspace cannot accept (unknown group, duplicate name, …).</summary>
public sealed class WorkspaceException(string message, ErrorKind kind = ErrorKind.InvalidInput) : AscimlException(message, kind);
