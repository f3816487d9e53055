using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Asciml.Model.Evaluation;

namespace Asciml.Model.Creation;

/// <summary>A sound made on the creation page: the audio, its title, the name it is saved under, a download name, and where it came from.</summary>
public sealed record CreatedSound(MonoAudio Audio, string Title, string Name, string DownloadName, GenerationProvenance Provenance);

/// <summary>A workspace sound on the latent map.</summary>
/// <summary>A longer sound rendered along waypoints, named as the pages show, download and save it.</summary>
public sealed record RenderedPath(MonoAudio Audio, IReadOnlyList<PathWaypoint> Waypoints, double Seconds)
{
    public string Title => $"{Seconds:0} s through {string.Join(" → ", Waypoints.Select(w => w.Label))}";

    /// <summary>The download's and the kept original's name, without extension: "path-10s".</summary>
    public string FileName => $"path-{Seconds:0}s";
}

public sealed record MapSound(string SoundId, string Name, string GroupId, string GroupName, string Colour, MapPoint Point);

/// <summary>A point a path passes: a workspace sound (its own code) or a point of the latent map.</summary>
public sealed record PathWaypoint(string? SoundId, MapPoint Point, string Label)
{
    public static PathWaypoint Sound(string soundId, string name) => new(soundId, default, name);

    public static PathWaypoint MapSpot(MapPoint point) => new(null, point, $"map ({point.X:0.##}, {point.Y:0.##})");
}

/// <summary>
/// A workspace model loaded once for the evaluation and creation pages: <see cref="Evaluation"/> (reconstructions),
/// the latent map of all sounds, decoding map points, interpolation between sound ids, and saving what was created
/// with its provenance. Latent means are
/// cached per sound, so moving the interpolation slider costs one decode. Thread-safe.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly object _gate = new();
    private readonly Workspace _workspace;
    private readonly Dictionary<string, float[]> _latents = new(StringComparer.Ordinal);
    private LatentMap? _map;
    private EvaluationSession? _evaluation;

    private ModelSession(Workspace workspace, ModelEntry entry, SoundModel model)
    {
        _workspace = workspace;
        Entry = entry;
        Model = model;
    }

    public ModelEntry Entry { get; }

    public SoundModel Model { get; }

    public static ModelSession Open(Workspace workspace, ModelEntry entry) =>
        new(workspace, entry, SoundModel.Load(workspace.Models.FilePath(entry)));

    /// <summary>This model's evaluation: reconstructions of workspace sounds with their measures (latents shared with creation).</summary>
    public EvaluationSession Evaluation => _evaluation ??= new EvaluationSession(this, _workspace);

    /// <summary>The PCA map of every sound in the workspace (rebuilt each call, so new sounds appear).</summary>
    public (LatentMap Map, IReadOnlyList<MapSound> Sounds) Map(CancellationToken cancel = default)
    {
        IReadOnlyList<Sound> sounds = _workspace.Sounds.List();
        if (sounds.Count == 0)
        {
            throw new AscimlException("the workspace has no sounds to place on the map: add some first");
        }

        Dictionary<string, Group> groups = _workspace.Groups.List().ToDictionary(g => g.Id, StringComparer.Ordinal);
        float[][] means = sounds.Select(sound =>
        {
            cancel.ThrowIfCancellationRequested(); // a page closed while its map was being encoded
            return Latent(sound.Id, null);
        }).ToArray();
        LatentMap built = LatentMap.Build(means);
        lock (_gate)
        {
            _map = built;
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

    /// <summary>
    /// One sentence naming the chosen sounds that have no pitch for a transposition to move (drums, noise, silence);
    /// null when each has one, when the model cannot transpose, or when a sound is gone meanwhile.
    /// </summary>
    public string? UnpitchedNotice(params string[] soundIds)
    {
        try
        {
            string[] unpitched = [.. soundIds.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).Where(id => HasPitchControl && !IsPitched(id))
                .Select(id => _workspace.Sounds.Get(id).Name)];
            return unpitched.Length == 0 ? null
                : $"{string.Join(" and ", unpitched)} {(unpitched.Length == 1 ? "has" : "have")} no pitch to transpose: only its tonal part moves.";
        }
        catch (AscimlException)
        {
            return null;
        }
    }

    /// <summary>Decodes a point of the map (the other latent directions at the dataset mean), transposed by <paramref name="semitones"/>.</summary>
    public MonoAudio DecodeMapPoint(MapPoint point, double semitones = 0) =>
        Model.Decode(MapPointCode(point), semitones);

    /// <summary>
    /// (1 − amount)·z_A + amount·z_B decoded; amount outside 0..1 extrapolates. For timbre models the code's
    /// pitch mixes in log-frequency and loudness in dB, and <paramref name="semitones"/> transposes the result.
    /// </summary>
    public MonoAudio Interpolate(string soundIdA, string soundIdB, double amount, double semitones = 0) =>
        Model.Decode(MorphCode(soundIdA, soundIdB, amount), semitones);

    /// <summary>The code of a morph: (1 − amount)·z_A + amount·z_B.</summary>
    public float[] MorphCode(string soundIdA, string soundIdB, double amount) =>
        SoundModel.Interpolate(Latent(soundIdA, null), Latent(soundIdB, null), amount);

    /// <summary>The code of a map point (other latent directions at the dataset mean).</summary>
    public float[] MapPointCode(MapPoint point)
    {
        LatentMap current;
        lock (_gate)
        {
            current = _map ?? Map().Map;
        }

        return current.ToLatent(point);
    }

    /// <summary>A code as something to play at any key: pitch control where the model has it, else resampling.</summary>
    public InstrumentSource Instrument(float[] code) => InstrumentSource.FromCode(Model, code);

    /// <summary>
    /// A longer sound along waypoints (sounds or map points), exactly <paramref name="seconds"/> long: the same
    /// overlap-add path rendering as `asciml render` (<see cref="LatentPath.Render(Func{IReadOnlyList{float[]}, MonoAudio[]}, IReadOnlyList{float[]}, double)"/>).
    /// </summary>
    public RenderedPath RenderPath(IReadOnlyList<PathWaypoint> waypoints, double seconds)
    {
        ArgumentNullException.ThrowIfNull(waypoints);
        float[][] codes = waypoints.Select(w => w.SoundId is string id ? Latent(id, null) : MapPointCode(w.Point)).ToArray();
        return new RenderedPath(LatentPath.Render(Model.Decode, codes, seconds), [.. waypoints], seconds);
    }

    /// <summary>
    /// Saves a rendered path into a group: the whole path kept as the sound's original file, its model input the first
    /// second (as for any long upload), its provenance this model and the path's first and last sounds.
    /// </summary>
    public Sound SavePath(RenderedPath path, string groupId)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = $"path {path.Audio.Samples.Length / (double)path.Audio.SampleRateHz:0} s";
        return _workspace.Sounds.Add(new NewSound(groupId, name, SoundSource.Generated, ModelInput.FromAudio(path.Audio),
            OriginalBytes: WavWriter.ToBytes(path.Audio), OriginalFileName: path.FileName + ".wav",
            Generation: new GenerationProvenance("", Entry.Id, path.Waypoints.FirstOrDefault()?.SoundId, path.Waypoints.LastOrDefault()?.SoundId, 0)));
    }

    /// <summary>A morph between two sounds, named after them ("bell→pluck 40%", download "bell-to-pluck-40pct") with its provenance.</summary>
    public CreatedSound Morph(string soundIdA, string soundIdB, double amount, double semitones = 0)
    {
        string a = NameOf(soundIdA), b = NameOf(soundIdB);
        int percent = (int)Math.Round(amount * 100);
        return new CreatedSound(Interpolate(soundIdA, soundIdB, amount, semitones), $"{a} → {b}, {percent} %", $"{a}→{b} {percent}%",
            $"{a}-to-{b}-{percent}pct", new GenerationProvenance("", Entry.Id, soundIdA, soundIdB, amount));
    }

    /// <summary>A decoded map point with its provenance (the model; no source sounds).</summary>
    public CreatedSound AtMapPoint(MapPoint point, double semitones = 0)
    {
        string title = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Map point ({point.X:0.###}, {point.Y:0.###})");
        return new CreatedSound(DecodeMapPoint(point, semitones), title, title, "map-point", new GenerationProvenance("", Entry.Id, null, null, 0));
    }

    /// <summary>Saves a created sound into a group (by id) with its provenance.</summary>
    public Sound Save(CreatedSound created, string groupId)
    {
        ArgumentNullException.ThrowIfNull(created);
        return _workspace.Sounds.Add(new NewSound(groupId, created.Name, SoundSource.Generated, created.Audio, Generation: created.Provenance));
    }

    private string NameOf(string soundId) => _workspace.Sounds.Find(soundId)?.Name ?? soundId;

    public void Dispose() => Model.Dispose();

    internal float[] Latent(string soundId, MonoAudio? audio)
    {
        lock (_gate)
        {
            if (_latents.TryGetValue(soundId, out float[]? cached))
            {
                return cached;
            }
        }

        float[] latent = Model.Encode(audio ?? _workspace.Sounds.LoadModelInput(soundId));
        lock (_gate)
        {
            _latents[soundId] = latent;
        }

        return latent;
    }
}
