using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Workspace;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Model.Tests;

public sealed class WorkspaceDataTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("asciml-model-ws-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void GroupsBecomeTrainingDataAndIdsResolveToSounds()
    {
        string soundId;
        using (Workspace workspace = Workspace.Open(folder))
        {
            Group bells = workspace.CreateGroup("bells");
            Group drums = workspace.CreateGroup("drums");
            workspace.CreateGroup("empty");
            soundId = workspace.AddSound(new NewSound(bells.Id, "bell 1", SoundSource.Synthesized, TestSounds.Tone(880))).Id;
            workspace.AddSound(new NewSound(bells.Id, "bell 2", SoundSource.Synthesized, TestSounds.Tone(990)));
            workspace.AddSound(new NewSound(drums.Id, "kick", SoundSource.Recorded, TestSounds.Tone(60, 0.9, 20)));

            TrainingData data = WorkspaceTrainingData.FromGroups(workspace, ["bells", "drums"]);
            Assert.Equal(3, data.Count);
            Assert.Contains(data.Clips, clip => clip.Name.StartsWith("drums/kick", StringComparison.Ordinal));
            Assert.Throws<AscimlException>(() => WorkspaceTrainingData.FromGroups(workspace, ["empty"]));
            Assert.ThrowsAny<AscimlException>(() => WorkspaceTrainingData.FromGroups(workspace, ["no such group"]));
        }

        MonoAudio loaded = SoundReference.Load(soundId, () => Workspace.Open(folder));
        Assert.Equal(ModelInputFormat.LengthSamples, loaded.Samples.Length);
        Assert.Contains("neither an audio file nor a sound id",
            Assert.Throws<AscimlException>(() => SoundReference.Load("nope", () => Workspace.Open(folder))).Message);
    }
}
