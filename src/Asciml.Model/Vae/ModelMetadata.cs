using System.Text.Json.Serialization;
using Asciml.Model.Timbre;
using Asciml.Model.Training;

namespace Asciml.Model.Vae;

/// <summary>How a model came to be: data, settings, time, and the loss history (for the evaluation curves).</summary>
public sealed record TrainingProvenance
{
    /// <summary>`scratch`, or the model it was fine-tuned from (file name and its own provenance summary).</summary>
    public string StartedFrom { get; init; } = "scratch";
    public string DataDescription { get; init; } = "";
    public int SoundCount { get; init; }
    public int EpochsCompleted { get; init; }
    public int EpochsRequested { get; init; }
    public int BatchSize { get; init; }
    public double LearningRate { get; init; }
    public int Seed { get; init; }
    public LossSettings Loss { get; init; } = LossSettings.Default;
    public double TrainingSeconds { get; init; }
    /// <summary>Completed, TimeLimit, Cancelled, NonFiniteLoss, Diverged, or InProgress in a checkpoint written during training.</summary>
    public string StopReason { get; init; } = "";
    public DateTime UpdatedUtc { get; init; }
    public IReadOnlyList<EpochLosses> History { get; init; } = [];
}

/// <summary>The JSON header of a model file.</summary>
public sealed record ModelMetadata
{
    public const int CurrentFormatVersion = 2;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>`waveform` (the paper's networks; files without the field) or `timbre`.</summary>
    public string Family { get; init; } = VaeArchitecture.WaveformFamily;
    public string Preset { get; init; } = "";
    public int LatentSize { get; init; }
    public OutputActivation OutputActivation { get; init; }
    public int SampleRateHz { get; init; }
    public int LengthSamples { get; init; }
    public long ParameterCount { get; init; }

    /// <summary>The full layer layout (the preset's, or a custom one such as the tiny networks of the tests).</summary>
    public VaeArchitecture? Architecture { get; init; }

    /// <summary>The timbre model's shape (family `timbre` only).</summary>
    public TimbreArchitecture? Timbre { get; init; }

    /// <summary>The shape of whichever family this file holds, or null when the header names none.</summary>
    [JsonIgnore]
    public IModelArchitecture? Shape => Family switch
    {
        TimbreArchitecture.TimbreFamily => Timbre,
        VaeArchitecture.WaveformFamily => Architecture,
        _ => null,
    };

    /// <summary>True when this is a model whose codes carry a pitch curve (transposable).</summary>
    [JsonIgnore]
    public bool HasPitchControl => Family == TimbreArchitecture.TimbreFamily;
    public TrainingProvenance Training { get; init; } = new();
}
