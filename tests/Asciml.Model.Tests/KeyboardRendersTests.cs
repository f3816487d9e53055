using Asciml.Core.Storage;
using Asciml.Core.Synthesis;
using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

/// <summary>Keyboard sets for the play page (keys, preview, bytes, bounded store, status) and the map's pad geometry, moved out of the web (issue 12).</summary>
public sealed class KeyboardRendersTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-keyboard-").FullName;
    private readonly Workspace _workspace;

    public KeyboardRendersTests() => _workspace = Workspace.Open(Path.Combine(_folder, "ws"));

    public void Dispose()
    {
        _workspace.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private (string A, string B) TinyModelAndTwoTones()
    {
        Group group = _workspace.Groups.Create("tones");
        string[] ids = new[] { 220.0, 330.0 }.Select(f0 => _workspace.Sounds.Add(new NewSound(group.Id, $"tone {f0}", SoundSource.Synthesized,
            Asciml.Core.Audio.ModelInput.FromAudio(Synthesizer.Render(SynthesisMethod.Additive, new Dictionary<string, double> { ["f0_hz"] = f0 })))).Id).ToArray();
        TorchSharp.torch.manual_seed(5);
        using var network = new WaveformVae(TestSounds.Tiny());
        string path = Path.Combine(_folder, "tiny" + ModelFile.Extension);
        ModelFile.Save(path, network, ModelFile.Describe(network, new TrainingProvenance()));
        _workspace.Models.Register("tiny", "tiny", path, "{}", "{}");
        return (ids[0], ids[1]);
    }

    [Fact]
    public void AKeyboardSetHasNineKeysAfterAOneClipPreview()
    {
        (string a, string b) = TinyModelAndTwoTones();
        using var sessions = new ModelSessions(_workspace);
        using ModelLease lease = sessions.Lease()!;
        var renders = new KeyboardRenders();
        KeyboardSet? preview = null;
        KeyboardSet set = renders.Render(lease.Session, lease.Session.MorphCode(a, b, 0.4), p => preview = p)!;

        Assert.Equal([36, 42, 48, 54, 60, 66, 72, 78, 84], set.Keys);
        Assert.True(KeyboardRenders.IsComplete(set));
        Assert.Equal(9 * 16_000, set.Samples.Length);
        Assert.All(set.SoundingKeys.Zip(set.Keys), pair => Assert.Equal(pair.Second, pair.First, 6)); // resampling reaches every key here
        Assert.NotNull(preview);
        Assert.False(KeyboardRenders.IsComplete(preview));
        Assert.Equal(set.OwnKey, preview.SoundingKeys.Single());
        // The preview is the morph as decoded: it sounds at its own key.
        Assert.Equal(lease.Session.Interpolate(a, b, 0.4).Samples, preview.Samples);

        byte[] bytes = KeyboardRenders.ToBytes(set);
        Assert.Equal(set.Samples.Length * 4, bytes.Length);
        Assert.Equal(set.Samples[12_345], BitConverter.ToSingle(bytes, 12_345 * 4));
        Assert.Same(set, renders.Find(set.Token));
        for (int i = 0; i < KeyboardRenders.Capacity; i++)
        {
            renders.Render(lease.Session, lease.Session.MorphCode(a, b, i / 40.0));
        }

        Assert.Null(renders.Find(set.Token)); // the store keeps the latest sets only
    }

    [Fact]
    public void AStatusLineSaysWhetherTheExactNotesAreThere()
    {
        var preview = new KeyboardSet("p", [60], [60.2], 60.2, 16_000, 16_000, new float[16_000], 12.4);
        var full = preview with { Keys = KeyboardRenders.Keys, SoundingKeys = [.. KeyboardRenders.Keys.Select(k => (double)k)], RenderMilliseconds = 140.6 };
        Assert.Equal("Playable after 12 ms; rendering the exact notes… (a → b, 40 %; own pitch C4)", preview.Status("a → b, 40 %"));
        Assert.Equal("Ready: 9 notes rendered in 141 ms (a → b, 40 %; own pitch C4)", full.Status("a → b, 40 %"));
    }

    [Fact]
    public void MapBoundsFrameEverySoundWithAMargin()
    {
        MapBounds bounds = MapBounds.Around([new MapPoint(0, 0), new MapPoint(10, 1), new MapPoint(4, -1)]);
        Assert.Equal(new MapBounds(-1.5, 11.5, -1.5, 1.5), bounds); // 15 % of 10 on x; at least 0.5 on y
        Assert.Equal(new MapPoint(5, 0), bounds.Centre);
        Assert.Equal(0.5, bounds.FractionX(5), 12);
        Assert.Equal(0, bounds.FractionX(-100));
        Assert.Equal(0, bounds.FractionY(1.5), 12); // the top edge
        Assert.Equal(1, bounds.FractionY(-1.5), 12);
        Assert.Equal(0.13, bounds.Step, 12);
        Assert.Equal(MapBounds.Unit, MapBounds.Around([]));
        Assert.Equal(0.02, MapBounds.Unit.Step, 12);
    }

    [Fact]
    public void ARenderedPathIsNamedAndSavedWithItsProvenance()
    {
        // Issue 12: the path panel built the saved sound and its provenance itself.
        (string a, string b) = TinyModelAndTwoTones();
        using var sessions = new ModelSessions(_workspace);
        using ModelLease lease = sessions.Lease()!;
        PathWaypoint[] waypoints = [PathWaypoint.Sound(a, "tone 220"), PathWaypoint.MapSpot(new MapPoint(0.5, -1)), PathWaypoint.Sound(b, "tone 330")];
        RenderedPath path = lease.Session.RenderPath(waypoints, LatentPath.MinimumSeconds);

        Assert.Equal(LatentPath.MinimumSeconds * 16_000, path.Audio.Samples.Length, 1.0);
        Assert.Equal($"{LatentPath.MinimumSeconds:0} s through tone 220 → map (0.5, -1) → tone 330", path.Title);
        Assert.Equal($"path-{LatentPath.MinimumSeconds:0}s", path.FileName);

        Group group = _workspace.Groups.Create("paths");
        Sound saved = lease.Session.SavePath(path, group.Id);
        Assert.Equal($"path {LatentPath.MinimumSeconds:0} s", saved.Name);
        Assert.Equal(SoundSource.Generated, saved.Source);
        Assert.Equal(path.FileName + ".wav", saved.OriginalFileName);
        Assert.Equal(16_000, _workspace.Sounds.LoadModelInput(saved.Id).Samples.Length);
        GenerationProvenance provenance = _workspace.Sounds.GetProvenance(saved.Id)!;
        Assert.Equal((lease.Session.Entry.Id, a, b), (provenance.ModelId, provenance.FromSoundId, provenance.ToSoundId));
    }
}
