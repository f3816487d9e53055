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
        var error = Assert.Throws<WorkspaceException>(() => Workspace.Sounds.AddRange(
        [
            new NewSound(group.Id, "good", SoundSource.Synthesized, Tone(220)),
            new NewSound(group.Id, "bad", SoundSource.Synthesized, new MonoAudio(broken, 16000)),
        ]));
        Assert.Equal("'bad' holds NaN or infinite samples", error.Message);
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
}
