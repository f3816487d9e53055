using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Core.Storage;
using Asciml.Model.Creation;
using Asciml.Model.Evaluation;
using Asciml.Model.Training;

namespace Asciml.Model.Tests;

public sealed class WorkspaceDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-model-ws-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void GroupsBecomeTrainingDataAndIdsResolveToSounds()
    {
        string soundId;
        using (Workspace workspace = Workspace.Open(_folder))
        {
            Group bells = workspace.Groups.Create("bells");
            Group drums = workspace.Groups.Create("drums");
            workspace.Groups.Create("empty");
            soundId = workspace.Sounds.Add(new NewSound(bells.Id, "bell 1", SoundSource.Synthesized, TestSounds.Tone(880))).Id;
            workspace.Sounds.Add(new NewSound(bells.Id, "bell 2", SoundSource.Synthesized, TestSounds.Tone(990)));
            workspace.Sounds.Add(new NewSound(drums.Id, "kick", SoundSource.Recorded, TestSounds.Tone(60, 0.9, 20)));

            TrainingData data = WorkspaceTrainingData.FromGroups(workspace, ["bells", "drums"]);
            Assert.Equal(3, data.Count);
            Assert.Contains(data.Clips, clip => clip.Name.StartsWith("drums/kick", StringComparison.Ordinal));
            Assert.Throws<AscimlException>(() => WorkspaceTrainingData.FromGroups(workspace, ["empty"]));
            Assert.ThrowsAny<AscimlException>(() => WorkspaceTrainingData.FromGroups(workspace, ["no such group"]));
        }

        MonoAudio loaded = SoundReference.Load(soundId, () => Workspace.Open(_folder));
        Assert.Equal(ModelInputFormat.LengthSamples, loaded.Samples.Length);
        Assert.Contains("neither an audio file nor a sound id",
            Assert.Throws<AscimlException>(() => SoundReference.Load("nope", () => Workspace.Open(_folder))).Message);
    }

    [Fact]
    public async Task WorkspaceTrainingRegistersTheModelAndSessionsEvaluateAndCreate()
    {
        using Workspace workspace = Workspace.Open(_folder);
        Group bells = workspace.Groups.Create("bells");
        string first = workspace.Sounds.Add(new NewSound(bells.Id, "low", SoundSource.Synthesized, TestSounds.Tone(220))).Id;
        string second = workspace.Sounds.Add(new NewSound(bells.Id, "high", SoundSource.Synthesized, TestSounds.Tone(660))).Id;
        workspace.Sounds.Add(new NewSound(bells.Id, "mid", SoundSource.Synthesized, TestSounds.Tone(440)));

        int reports = 0;
        using TrainingJob training = TrainingJob.Start(workspace,
            new TrainingPlan([bells.Id], null, "lite", new TrainingSettings { Epochs = 2, BatchSize = 3, Threads = 1 }), new Sink(() => Interlocked.Increment(ref reports)));
        TrainingOutcome outcome = await training.Completion.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        ModelEntry? entry = outcome.Model;
        Assert.NotNull(entry);
        Assert.Equal(entry.Id, workspace.Models.Current!.Id);
        Assert.Equal(2, training.History.Count);
        Assert.Equal(2, training.Latest!.Epoch);
        Assert.True(reports >= 2, $"the sink was given {reports} reports");
        TrainingRun run = workspace.Runs.List().Single(r => r.Id == outcome.RunId);
        Assert.Equal(TrainingStatus.Completed, run.Status);
        Assert.Equal(2, run.Epochs.Count);
        Assert.Equal(entry.Id, run.ModelId);

        using ModelSession session = ModelSession.Open(workspace, entry);
        ReconstructionView view = session.Evaluation.Reconstruct(first);
        Assert.Equal(16000, view.Reconstruction.Samples.Length);
        Assert.Contains(view.Descriptors, d => d.Feature == "F0");
        Assert.Equal(view.Reconstruction.Samples, session.Interpolate(first, second, 0).Samples);
        var (map, sounds) = session.Map();
        Assert.Equal(3, sounds.Count);
        Assert.Equal("bells", sounds[0].GroupName);
        Assert.Equal(16000, session.DecodeMapPoint(map.Points[1]).Samples.Length);
        Assert.Equal(2, session.Model.Metadata.Training.History.Count);

        // Saving a morph: its name, download name and provenance are the session's, not the page's.
        CreatedSound morph = session.Morph(first, second, 0.4);
        Assert.Equal("low→high 40%", morph.Name);
        Assert.Equal("low-to-high-40pct", morph.DownloadName);
        Assert.Equal(session.Interpolate(first, second, 0.4).Samples, morph.Audio.Samples);
        Sound saved = session.Save(morph, bells.Id);
        Assert.Equal(SoundSource.Generated, saved.Source);
        GenerationProvenance provenance = workspace.Sounds.GetProvenance(saved.Id)!;
        Assert.Equal((entry.Id, first, second, 0.4), (provenance.ModelId, provenance.FromSoundId, provenance.ToSoundId, provenance.Amount));
        CreatedSound point = session.AtMapPoint(map.Points[0]);
        Assert.Null(workspace.Sounds.GetProvenance(session.Save(point, bells.Id).Id)!.FromSoundId);
    }

    private sealed class Sink(Action onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport();
    }
}
