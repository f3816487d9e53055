using Asciml.Core;
using Asciml.Core.Storage;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

/// <summary>The training use-case's decisions, made once for the web and the CLI.</summary>
public sealed class TrainingPlanTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-plan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void OneSetOfDefaultsAndTheWebChoicesMapToStarts()
    {
        Assert.Equal(TrainingPlan.FineTuneEpochs, TrainingPlan.DefaultSettings(PretrainedModel.Name).Epochs);
        Assert.Equal(TrainingPlan.NewModelEpochs, TrainingPlan.DefaultSettings(null).Epochs);
        Assert.Equal(TrainingSettings.DefaultLearningRate, TrainingPlan.DefaultSettings(null).LearningRate);
        Assert.Equal(PretrainedModel.Name, TrainingPlan.StartChoices[0]);

        TrainingPlan pretrained = TrainingPlan.FromChoice(["g"], "pretrained", new TrainingSettings());
        Assert.Equal(PretrainedModel.Name, pretrained.From);
        Assert.Equal(ModelPresets.Default, pretrained.ExpectedPreset);
        TrainingPlan lite = TrainingPlan.FromChoice(["g"], "lite", new TrainingSettings());
        Assert.Null(lite.From);
        Assert.Equal("lite", lite.ExpectedPreset);
        Assert.Equal("lite", new TrainingPlan(["g"], PretrainedModel.LiteName, null, new TrainingSettings()).ExpectedPreset);
        Assert.Null(new TrainingPlan(["g"], "some/model.asciml", null, new TrainingSettings()).ExpectedPreset);
    }

    [Fact]
    public void TheEstimateAndTheLearningRateSliderAreSaidOnceForBothShells()
    {
        // Issue 12: the training page built the estimate text and mapped the learning-rate slider itself.
        using Workspace workspace = Workspace.Open(_folder);
        var settings = new TrainingSettings { Epochs = 100 };
        string lite = TrainingPlan.FromChoice(["g"], "lite", settings).Estimate(workspace, 40);
        Assert.Equal($"40 sounds × 100 epochs: {TrainingEstimate.For(workspace, "lite", 40, 100)!.Describe()} ({TrainingEstimate.For(workspace, "lite", 40, 100)!.Basis}).", lite);
        Assert.Equal("1 sound × 1 epoch: the time left shows after the first batch.",
            new TrainingPlan(["g"], "some/model.asciml", null, settings with { Epochs = 1 }).Estimate(workspace, 1));

        Assert.Equal(TrainingPlan.FineTuneEpochs, TrainingPlan.DefaultEpochsOfChoice("pretrained"));
        Assert.Equal(TrainingPlan.NewModelEpochs, TrainingPlan.DefaultEpochsOfChoice("lite"));
        Assert.Equal(TrainingSettings.DefaultLearningRate, TrainingSettings.LearningRateAt(Math.Log10(TrainingSettings.DefaultLearningRate)));
        Assert.Equal(0.001, TrainingSettings.LearningRateAt(-3));
        Assert.Equal(0.000316, TrainingSettings.LearningRateAt(-3.5));
        Assert.Equal("0.0003", TrainingSettings.FormatLearningRate(TrainingSettings.DefaultLearningRate));
        Assert.Equal("0.00001", TrainingSettings.FormatLearningRate(TrainingSettings.LearningRateAt(-5)));
    }

    [Fact]
    public void StatusLinesOfTrainingAreSaidOnceForBothShells()
    {
        var progress = new TrainingProgress(3, 20, 2, 5, new LossValues(0.012345, 0.012, 3.2, 0.8), null, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(65));
        Assert.Equal($"Epoch 3 of 20 · batch 2/5 · loss {0.012345:G4} · time left 1:05", progress.Describe());
        var epoch = new EpochLosses(20, 0.0123, 0.0121, 3.2, 0.8, 1e-4);
        Assert.Equal($"epoch 20: loss {0.0123:g4} (reconstruction {0.0121:g4}, KL {3.2:g4}, STFT {0.8:g4})", epoch.Describe());
        Assert.EndsWith($", spectral {0.5:g4})", (epoch with { Spectral = 0.5 }).Describe());
        Assert.Equal([(20, 0.0123, 0.0121, 3.2)], EpochLosses.Curve([epoch]));
    }

    [Fact]
    public void ChecksRefuseBadPlansWithOneLineReasonsBeforeLoadingAnything()
    {
        using Workspace workspace = Workspace.Open(_folder);
        Group empty = workspace.Groups.Create("empty");
        Group full = workspace.Groups.Create("full");
        workspace.Sounds.Add(new NewSound(full.Id, "a", SoundSource.Synthesized, TestSounds.Tone(220)));
        var settings = new TrainingSettings { Epochs = 1 };

        Assert.Contains("at least one group", Assert.Throws<AscimlException>(() => new TrainingPlan([], null, "lite", settings).Check(workspace)).Message);
        Assert.Contains("'empty' has no sounds", Assert.Throws<AscimlException>(() => new TrainingPlan([empty.Id], null, "lite", settings).Check(workspace)).Message);
        Assert.ThrowsAny<AscimlException>(() => new TrainingPlan(["nope"], null, "lite", settings).Check(workspace));
        Assert.Contains("unknown model preset", Assert.Throws<AscimlException>(() => new TrainingPlan([full.Id], null, "huge", settings).Check(workspace)).Message);
        Assert.Contains("was not found", Assert.Throws<AscimlException>(() => new TrainingPlan([full.Id], Path.Combine(_folder, "missing.asciml"), null, settings).Check(workspace)).Message);
        Assert.Contains("batch size", Assert.Throws<AscimlException>(() => new TrainingPlan([full.Id], null, "lite", settings with { BatchSize = 0 }).Check(workspace)).Message);
        new TrainingPlan([full.Id], null, "lite", settings).Check(workspace);
        new TrainingPlan([full.Id], PretrainedModel.Name, null, settings).Check(workspace);
        Assert.Empty(workspace.Runs.List());
    }

    [Fact]
    public void CancellingKeepsAndRegistersTheModelSoFar()
    {
        using Workspace workspace = Workspace.Open(_folder);
        Group bells = workspace.Groups.Create("bells");
        workspace.Sounds.Add(new NewSound(bells.Id, "low", SoundSource.Synthesized, TestSounds.Tone(220)));
        workspace.Sounds.Add(new NewSound(bells.Id, "high", SoundSource.Synthesized, TestSounds.Tone(660)));
        using var stop = new CancellationTokenSource();
        var sink = new StopAfterFirstEpoch(stop);
        TrainingOutcome outcome = WorkspaceTraining.Run(workspace,
            new TrainingPlan([bells.Id], null, "lite", new TrainingSettings { Epochs = 50, BatchSize = 2, Threads = 1 }), sink, stop.Token);
        Assert.Equal(TrainingStatus.Stopped, outcome.Status);
        Assert.NotNull(outcome.Model);
        TrainingRun run = Assert.Single(workspace.Runs.List());
        Assert.Equal(outcome.Model.Id, run.ModelId);
        Assert.InRange(run.Epochs.Count, 1, 2);
    }

    private sealed class StopAfterFirstEpoch(CancellationTokenSource stop) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.EpochFinished is not null)
            {
                stop.Cancel();
            }
        }
    }
}
