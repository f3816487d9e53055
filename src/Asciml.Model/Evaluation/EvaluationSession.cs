using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.Storage;
using Asciml.Model.Creation;

namespace Asciml.Model.Evaluation;

/// <summary>One descriptor of a sound and of its reconstruction (difference = reconstruction − original).</summary>
public sealed record DescriptorComparison(string Feature, string Unit, double? Original, double? Reconstruction)
{
    public double? Difference => Original is { } o && Reconstruction is { } r ? r - o : null;
}

/// <summary>A workspace sound next to its reconstruction, with the evaluation metrics and descriptor table.</summary>
public sealed record ReconstructionView(
    string SoundId,
    MonoAudio Original,
    MonoAudio Reconstruction,
    ReconstructionMetrics Metrics,
    QualityMeasures Quality,
    IReadOnlyList<DescriptorComparison> Descriptors)
{
    public double WaveformMse => Metrics.WaveformMse;
}

/// <summary>
/// The evaluation stage of a loaded workspace model (<see cref="ModelSession.Evaluation"/>): each sound next to the
/// model's reconstruction, with the metrics and the descriptor table. Latents are shared with the creation stage.
/// Thread-safe.
/// </summary>
public sealed class EvaluationSession
{
    private readonly ModelSession _session;
    private readonly Workspace _workspace;

    internal EvaluationSession(ModelSession session, Workspace workspace)
    {
        _session = session;
        _workspace = workspace;
    }

    public ReconstructionView Reconstruct(string soundId)
    {
        MonoAudio original = _workspace.Sounds.LoadModelInput(soundId);
        MonoAudio reconstruction = _session.Model.Decode(_session.Latent(soundId, original));
        SoundFeatures a = _workspace.Sounds.GetFeatures(soundId);
        SoundFeatures b = FeatureExtractor.Extract(reconstruction.Samples);
        ReconstructionMetrics metrics = ReconstructionMetrics.Compare(soundId, original, reconstruction);
        QualityMeasures quality = QualityMeasures.Compare(original, reconstruction);
        return new ReconstructionView(soundId, original, reconstruction, metrics, quality,
        [
            new("F0", "Hz", quality.OriginalF0Hz, quality.OutputF0Hz),
            new("F0 error", "cents", 0, quality.F0ErrorCents),
            new("Spectral centroid", "Hz", a.SpectralCentroidHz, b.SpectralCentroidHz),
            new("Level", "dB", 0, quality.LevelErrorDb),
            new("RMS", "", a.Rms, b.Rms),
            new("RMS-envelope correlation", "", 1, quality.EnvelopeCorrelation),
            new("Log-magnitude distance, −80 dB floor", "dB", 0, quality.LogMagnitudeDb),
            new("Multi-resolution STFT distance", "", 0, metrics.StftDistance),
        ]);
    }
}
