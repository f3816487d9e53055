using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.Workspace;
using Asciml.Model.Evaluation;

namespace Asciml.Model.Creation;

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

/// <summary>A workspace sound on the latent map.</summary>
public sealed record MapSound(string SoundId, string Name, string GroupId, string GroupName, string Colour, MapPoint Point);

/// <summary>A point a path passes: a workspace sound (its own code) or a point of the latent map.</summary>
public sealed record PathWaypoint(string? SoundId, MapPoint Point, string Label)
{
    public static PathWaypoint Sound(string soundId, string name) => new(soundId, default, name);

    public static PathWaypoint MapSpot(MapPoint point) => new(null, point, $"map ({point.X:0.##}, {point.Y:0.##})");
}

/// <summary>
/// A workspace model loaded once for the evaluation and creation pages: reconstructions of workspace sounds,
/// the latent map of all sounds, decoding map points, and interpolation between sound ids. Latent means are
/// cached per sound, so moving the interpolation slider costs one decode. Thread-safe.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly object gate = new();
    private readonly Workspace workspace;
    private readonly Dictionary<string, float[]> latents = new(StringComparer.Ordinal);
    private LatentMap? map;

    private ModelSession(Workspace workspace, ModelEntry entry, SoundModel model)
    {
        this.workspace = workspace;
        Entry = entry;
        Model = model;
    }

    public ModelEntry Entry { get; }

    public SoundModel Model { get; }

    public static ModelSession Open(Workspace workspace, ModelEntry entry) =>
        new(workspace, entry, SoundModel.Load(workspace.ModelPath(entry)));

    public ReconstructionView Reconstruct(string soundId)
    {
        MonoAudio original = workspace.LoadModelInput(soundId);
        MonoAudio reconstruction = Model.Decode(Latent(soundId, original));
        SoundFeatures a = workspace.GetFeatures(soundId);
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

    /// <summary>The PCA map of every sound in the workspace (rebuilt each call, so new sounds appear).</summary>
    public (LatentMap Map, IReadOnlyList<MapSound> Sounds) Map()
    {
        IReadOnlyList<Sound> sounds = workspace.ListSounds();
        if (sounds.Count == 0)
        {
            throw new AscimlException("the workspace has no sounds to place on the map: add some first");
        }

        Dictionary<string, Group> groups = workspace.ListGroups().ToDictionary(g => g.Id, StringComparer.Ordinal);
        float[][] means = sounds.Select(sound => Latent(sound.Id, null)).ToArray();
        LatentMap built = LatentMap.Build(means);
        lock (gate)
        {
            map = built;
        }

        return (built, sounds.Select((sound, i) =>
        {
            Group? group = groups.GetValueOrDefault(sound.GroupId);
            return new MapSound(sound.Id, sound.Name, sound.GroupId, group?.Name ?? "", group?.Colour ?? "#888888", built.Points[i]);
        }).ToArray());
    }

    /// <summary>True when this model can transpose (a timbre model).</summary>
    public bool HasPitchControl => Model.HasPitchControl;

    /// <summary>True when the sound has a pitch the model can move (false for drums, noise, silence, or paper networks).</summary>
    public bool IsPitched(string soundId) => Model.HasPitchControl && Model.IsPitched(Latent(soundId, null));

    /// <summary>Decodes a point of the map (the other latent directions at the dataset mean), transposed by <paramref name="semitones"/>.</summary>
    public MonoAudio DecodeMapPoint(MapPoint point, double semitones = 0) =>
        Model.Decode(Model.Transpose(MapPointCode(point), semitones));

    /// <summary>
    /// (1 − amount)·z_A + amount·z_B decoded; amount outside 0..1 extrapolates. For timbre models the code's
    /// pitch mixes in log-frequency and loudness in dB, and <paramref name="semitones"/> transposes the result.
    /// </summary>
    public MonoAudio Interpolate(string soundIdA, string soundIdB, double amount, double semitones = 0) =>
        Model.Decode(Model.Transpose(MorphCode(soundIdA, soundIdB, amount), semitones));

    /// <summary>The code of a morph: (1 − amount)·z_A + amount·z_B.</summary>
    public float[] MorphCode(string soundIdA, string soundIdB, double amount) =>
        SoundModel.Interpolate(Latent(soundIdA, null), Latent(soundIdB, null), amount);

    /// <summary>The code of a map point (other latent directions at the dataset mean).</summary>
    public float[] MapPointCode(MapPoint point)
    {
        LatentMap current;
        lock (gate)
        {
            current = map ?? Map().Map;
        }

        return current.ToLatent(point);
    }

    /// <summary>A code as something to play at any key: pitch control where the model has it, else resampling.</summary>
    public InstrumentSource Instrument(float[] code) => InstrumentSource.FromCode(Model, code);

    /// <summary>
    /// A longer sound along waypoints (sounds or map points), exactly <paramref name="seconds"/> long: the same
    /// overlap-add path rendering as `asciml render` (<see cref="LatentPath.Render(Func{IReadOnlyList{float[]}, MonoAudio[]}, IReadOnlyList{float[]}, double)"/>).
    /// </summary>
    public MonoAudio RenderPath(IReadOnlyList<PathWaypoint> waypoints, double seconds)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        float[][] codes = waypoints.Select(w => w.SoundId is string id ? Latent(id, null) : MapPointCode(w.Point)).ToArray();
        return LatentPath.Render(Model.Decode, codes, seconds);
    }

    public void Dispose() => Model.Dispose();

    private float[] Latent(string soundId, MonoAudio? audio)
    {
        lock (gate)
        {
            if (latents.TryGetValue(soundId, out float[]? cached))
            {
                return cached;
            }
        }

        float[] latent = Model.Encode(audio ?? workspace.LoadModelInput(soundId));
        lock (gate)
        {
            latents[soundId] = latent;
        }

        return latent;
    }
}
