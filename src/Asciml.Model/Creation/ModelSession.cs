using System.Collections.Concurrent;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Core.Workspace;

namespace Asciml.Model.Creation;

/// <summary>A dataset sound placed on the latent map.</summary>
public sealed record MapSound(string SoundId, string Name, string GroupName, string Colour, MapPoint Point);

/// <summary>How far a reconstruction is from its original, in descriptors a musician hears.</summary>
public sealed record DescriptorComparison(string Feature, string Unit, double? Original, double? Reconstruction)
{
    public double? Difference => Original is double a && Reconstruction is double b ? b - a : null;
}

/// <summary>A sound and what the model makes of it (the evaluation stage).</summary>
public sealed record ReconstructionView(string SoundId, MonoAudio Original, MonoAudio Reconstruction, double WaveformMse, IReadOnlyList<DescriptorComparison> Descriptors);

/// <summary>
/// One workspace model ready for the evaluation and creation stages: latents of the dataset's sounds (cached per
/// sound), the 2-D latent map with its inverse, reconstruction with descriptor differences, and interpolation
/// between any two sounds. Thread-safe; load once per model and share.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly Workspace _workspace;
    private readonly ConcurrentDictionary<string, float[]> _latents = new();
    private readonly object _mapGate = new();
    private (LatentMap Map, IReadOnlyList<MapSound> Sounds, string Key)? _map;

    private ModelSession(Workspace workspace, ModelEntry entry, SoundModel model)
    {
        _workspace = workspace;
        Entry = entry;
        Model = model;
    }

    public ModelEntry Entry { get; }

    public SoundModel Model { get; }

    public static ModelSession Open(Workspace workspace, ModelEntry entry) =>
        new(workspace, entry, SoundModel.Load(workspace.ModelPath(entry)));

    public float[] Latent(string soundId) => _latents.GetOrAdd(soundId, id => Model.Encode(_workspace.LoadModelInput(id)));

    /// <summary>The map of every sound in the dataset (rebuilt when the dataset changed).</summary>
    public (LatentMap Map, IReadOnlyList<MapSound> Sounds) Map()
    {
        IReadOnlyList<Sound> sounds = _workspace.ListSounds();
        if (sounds.Count < 2)
        {
            throw new AscimlException("the latent map needs at least two sounds in the dataset");
        }

        string key = string.Join(',', sounds.Select(s => s.Id + s.GroupId));
        lock (_mapGate)
        {
            if (_map is { } cached && cached.Key == key)
            {
                return (cached.Map, cached.Sounds);
            }

            Dictionary<string, Group> groups = _workspace.ListGroups().ToDictionary(g => g.Id);
            float[][] latents = sounds.Select(s => Latent(s.Id)).ToArray();
            LatentMap map = LatentMap.Build(latents);
            var placed = sounds.Select((s, i) => new MapSound(s.Id, s.Name, groups[s.GroupId].Name, groups[s.GroupId].Colour, map.Points[i])).ToList();
            _map = (map, placed, key);
            return (map, placed);
        }
    }

    /// <summary>z = (1 − a)·z_A + a·z_B, decoded; a outside 0..1 extrapolates.</summary>
    public MonoAudio Interpolate(string soundIdA, string soundIdB, double amount) =>
        Model.Decode(SoundModel.Interpolate(Latent(soundIdA), Latent(soundIdB), amount));

    /// <summary>Decodes any point of the map (other latent directions stay at the dataset mean).</summary>
    public MonoAudio DecodeMapPoint(MapPoint point) => Model.Decode(Map().Map.ToLatent(point));

    public MapPoint PlaceOnMap(MonoAudio audio) => Map().Map.ToMap(Model.Encode(audio));

    public ReconstructionView Reconstruct(string soundId)
    {
        MonoAudio original = _workspace.LoadModelInput(soundId);
        MonoAudio reconstruction = Model.Decode(Latent(soundId));
        double mse = original.Samples.Zip(reconstruction.Samples, (a, b) => (double)(a - b) * (a - b)).Average();
        SoundFeatures before = _workspace.GetFeatures(soundId);
        SoundFeatures after = FeatureExtractor.Extract(reconstruction.Samples);
        return new ReconstructionView(soundId, original, reconstruction, mse,
        [
            new("F0", "Hz", before.F0Hz, after.F0Hz),
            new("Spectral centroid", "Hz", before.SpectralCentroidHz, after.SpectralCentroidHz),
            new("RMS", "", before.Rms, after.Rms),
            new("Zero-crossing rate", "", before.ZeroCrossingRate, after.ZeroCrossingRate),
            new("Attack time", "s", before.AttackTimeSeconds, after.AttackTimeSeconds),
        ]);
    }

    public void Dispose() => Model.Dispose();
}
