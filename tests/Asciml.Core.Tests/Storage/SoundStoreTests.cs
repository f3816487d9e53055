using Asciml.Core.Audio;
using Asciml.Core.Storage;

namespace Asciml.Core.Tests.Storage;

public sealed class SoundStoreTests : TemporaryWorkspace
{
    [Fact]
    public void SoundsRoundTripThroughAddGetListTrashAndEmpty()
    {
        SoundStore sounds = Workspace.Sounds;
        Group group = Workspace.Groups.Create("tones");
        Sound low = sounds.Add(new NewSound(group.Id, " low ", SoundSource.Synthesized, Tone(110), SynthesisParameters: "{}"));
        Sound high = sounds.Add(new NewSound(group.Id, "high", SoundSource.Uploaded, Tone(880), [1, 2, 3], "high.WAV"));

        Assert.Equal(low, sounds.Get(low.Id));
        Assert.Equal("low", low.Name);
        Assert.Equal(Tone(110).Samples, sounds.LoadModelInput(low.Id).Samples);
        Assert.Null(sounds.OriginalPath(low.Id));
        Assert.Equal(Path.Combine(Workspace.OriginalsFolder, high.Id + ".wav"), sounds.OriginalPath(high.Id));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(sounds.OriginalPath(high.Id)!));
        Assert.Equal([low.Id, high.Id], sounds.List(group.Id).Select(s => s.Id));
        Assert.InRange(sounds.GetFeatures(high.Id).F0Hz!.Value, 860, 900);

        sounds.Delete(low.Id);
        Assert.Equal([high.Id], sounds.List().Select(s => s.Id));
        Assert.Equal([low.Id], sounds.ListTrash().Select(s => s.Id));
        Assert.Null(sounds.Restore(low.Id).Deleted);
        Assert.Empty(sounds.ListTrash());

        sounds.Delete(high.Id);
        Assert.Equal(1, sounds.EmptyTrash());
        Assert.Null(sounds.Find(high.Id));
        Assert.False(File.Exists(sounds.ClipPath(high.Id)));
        Assert.Empty(Directory.EnumerateFiles(Workspace.OriginalsFolder));
        Assert.Equal([low.Id], sounds.List().Select(s => s.Id));
    }

    [Fact]
    public void ABatchWithOneBadSoundLeavesNoRowAndNoFile()
    {
        Group group = Workspace.Groups.Create("tones");
        float[] broken = Tone(220).Samples.ToArray();
        broken[100] = float.NaN;
        // The one model-input check (ModelInputFormat.Check) names the sound.
        var error = Assert.Throws<AscimlException>(() => Workspace.Sounds.AddRange(
        [
            new NewSound(group.Id, "good", SoundSource.Synthesized, Tone(220)),
            new NewSound(group.Id, "bad", SoundSource.Synthesized, new MonoAudio(broken, 16000)),
        ]));
        Assert.Equal("sound 'bad' contains NaN or infinite samples: re-record or re-import it", error.Message);
        Assert.Empty(Workspace.Sounds.List());
        Assert.Empty(Directory.EnumerateFiles(Workspace.SoundsFolder));
    }

    [Fact]
    public void AnUnknownSoundOrGroupIsNotFoundInOneLine()
    {
        var error = Assert.Throws<WorkspaceException>(() => Workspace.Sounds.Get("s-nope"));
        Assert.Equal("there is no sound with id 's-nope'", error.Message);
        Assert.Equal(ErrorKind.NotFound, error.Kind);

        error = Assert.Throws<WorkspaceException>(() => Workspace.Sounds.Add(new NewSound("g-nope", "orphan", SoundSource.Synthesized, Tone(220))));
        Assert.Equal("there is no group with id 'g-nope'", error.Message);
        Assert.Empty(Directory.EnumerateFiles(Workspace.SoundsFolder)); // its clip went with the rolled-back row
    }

    [Fact]
    public void ListWithFeaturesReadsEverySoundInOneConnectionAndRecomputesStaleFeatures()
    {
        // Issue 12: DatasetAnalysis.Analyze opened one connection per sound (GetFeatures in a loop).
        Group low = Workspace.Groups.Create("low");
        Group high = Workspace.Groups.Create("high");
        var added = new List<Sound>();
        foreach ((Group group, double hz) in new[] { (low, 110.0), (high, 880.0), (low, 220.0), (high, 660.0) })
        {
            added.Add(Workspace.Sounds.Add(new NewSound(group.Id, $"{hz}", SoundSource.Synthesized, Tone(hz))));
        }

        Workspace.Sounds.Delete(added[3].Id);
        long before = Workspace.Database.Connections;
        IReadOnlyList<(Sound Sound, Asciml.Core.Features.SoundFeatures Features)> all = Workspace.Sounds.ListWithFeatures();
        Assert.Equal(1, Workspace.Database.Connections - before);
        Assert.Equal(added.Take(3).Select(s => s.Id), all.Select(r => r.Sound.Id));
        Assert.All(all, r => Assert.Equal(Workspace.Sounds.GetFeatures(r.Sound.Id), r.Features, new FeaturesByValue()));
        Assert.Equal([added[0].Id, added[2].Id], Workspace.Sounds.ListWithFeatures([low.Id]).Select(r => r.Sound.Id));

        // Features of an older extractor are recomputed and cached again.
        using (var connection = Workspace.Database.Connect())
        {
            using var stale = connection.CreateCommand();
            stale.CommandText = "UPDATE sounds SET features = NULL, features_version = 0";
            stale.ExecuteNonQuery();
        }

        IReadOnlyList<(Sound Sound, Asciml.Core.Features.SoundFeatures Features)> recomputed = Workspace.Sounds.ListWithFeatures([high.Id]);
        Assert.InRange(Assert.Single(recomputed).Features.F0Hz!.Value, 860, 900);
        before = Workspace.Database.Connections;
        Assert.InRange(Workspace.Sounds.ListWithFeatures([high.Id])[0].Features.F0Hz!.Value, 860, 900);
        Assert.Equal(1, Workspace.Database.Connections - before); // cached now
    }

    [Fact]
    public void CountsPerGroupLeaveOutTheTrashAndEmptyGroups()
    {
        Group two = Workspace.Groups.Create("two");
        Group one = Workspace.Groups.Create("one");
        Workspace.Groups.Create("empty");
        Sound gone = Workspace.Sounds.Add(new NewSound(two.Id, "gone", SoundSource.Synthesized, Tone(110)));
        foreach (Group group in new[] { two, two, one })
        {
            Workspace.Sounds.Add(new NewSound(group.Id, "s", SoundSource.Synthesized, Tone(220)));
        }

        Workspace.Sounds.Delete(gone.Id);
        IReadOnlyDictionary<string, int> counts = Workspace.Sounds.CountByGroup();
        Assert.Equal(2, counts.Count);
        Assert.Equal((2, 1), (counts[two.Id], counts[one.Id]));
    }

    private sealed class FeaturesByValue : IEqualityComparer<Asciml.Core.Features.SoundFeatures>
    {
        public bool Equals(Asciml.Core.Features.SoundFeatures? x, Asciml.Core.Features.SoundFeatures? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(Asciml.Core.Features.SoundFeatures obj) => 0;
    }
}
