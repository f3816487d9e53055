using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

public sealed class TrainingTests
{
    private static TrainingSettings Quick(int epochs, int seed = 1) => new()
    {
        Epochs = epochs,
        BatchSize = 2,
        LearningRate = 1e-3,
        Seed = seed,
        Threads = 1,
        Loss = new LossSettings(Beta: 1e-5, BetaWarmupEpochs: 2, StftWeight: 0),
    };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void TinyModelLearnsFourSounds()
    {
        TrainingSettings settings = Quick(300) with { BatchSize = 4 };
        TrainingResult result = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), settings, cancellation: Token);
        Assert.Equal(TrainingStopReason.Completed, result.StopReason);
        IReadOnlyList<EpochLosses> history = result.Metadata.Training.History;
        Assert.Equal(300, history.Count);
        Assert.True(history[^1].Reconstruction * 10 < history[0].Reconstruction,
            $"reconstruction loss went from {history[0].Reconstruction} to {history[^1].Reconstruction}");
    }

    [Fact]
    public void SameSeedOnOneThreadGivesIdenticalLosses()
    {
        TrainingResult first = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), Quick(3, seed: 7), cancellation: Token);
        TrainingResult second = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), Quick(3, seed: 7), cancellation: Token);
        TrainingResult other = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), Quick(3, seed: 8), cancellation: Token);
        Assert.Equal(first.Metadata.Training.History, second.Metadata.Training.History);
        Assert.NotEqual(first.Metadata.Training.History, other.Metadata.Training.History);
    }

    [Fact]
    public void EpochSeedsAreFixedAcrossProcesses()
    {
        // Resuming in a new process must shuffle exactly as the first process would have.
        Assert.Equal(151149761, VaeTrainer.EpochSeed(0, 1)); // SplitMix64 finaliser of (0 << 32 | 1), computed independently
        Assert.NotEqual(VaeTrainer.EpochSeed(0, 1), VaeTrainer.EpochSeed(0, 2));
        Assert.NotEqual(VaeTrainer.EpochSeed(0, 1), VaeTrainer.EpochSeed(1, 1));
    }

    [Fact]
    public void StftTermIsReportedWhenWeighted()
    {
        TrainingSettings settings = Quick(1) with { Loss = new LossSettings(1e-5, 0, StftWeight: 0.1) };
        TrainingResult result = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), settings, cancellation: Token);
        EpochLosses epoch = result.Metadata.Training.History.Single();
        Assert.True(epoch.Stft > 0);
        Assert.Equal(epoch.Reconstruction + 1e-5 * epoch.Kl + 0.1 * epoch.Stft, epoch.Total, 1e-4);
    }

    [Fact]
    public void NonFiniteLossStopsAndKeepsTheLastGoodCheckpoint()
    {
        string folder = Directory.CreateTempSubdirectory("asciml-nan-").FullName;
        try
        {
            string checkpoint = Path.Combine(folder, "run.asciml.checkpoint");
            TrainingSettings good = Quick(2) with { CheckpointPath = checkpoint, CheckpointInterval = TimeSpan.Zero };
            TrainingResult first = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), good, cancellation: Token);

            // Finite but absurdly loud samples overflow float32 when squared: the loss turns infinite.
            LoadedModel resumed = ModelFile.Load(checkpoint);
            TrainingData overflowing = TrainingData.FromAudio(
                [TestSounds.Tone(110), TestSounds.Tone(220), TestSounds.Tone(330, amplitude: 1e30), TestSounds.Tone(440)], "one overflowing clip");
            TrainingResult result = VaeTrainer.Train(TrainingStart.ResumeFrom(resumed), overflowing, good with { Epochs = 6 }, cancellation: Token);

            Assert.Equal(TrainingStopReason.NonFiniteLoss, result.StopReason);
            Assert.Contains("learning rate", result.Message);
            Assert.All(result.Metadata.Training.History, epoch => Assert.True(epoch.Total < double.PositiveInfinity && !double.IsNaN(epoch.Total)));
            Assert.True(result.Network.parameters().All(p => p.isfinite().all().item<bool>()), "the kept weights must be finite");
            LoadedModel kept = ModelFile.Load(checkpoint);
            Assert.True(kept.Network.parameters().All(p => p.isfinite().all().item<bool>()));
            Assert.Equal(first.Metadata.Training.EpochsCompleted, kept.Metadata.Training.EpochsCompleted);
            Assert.Equal(first.Metadata.Training.EpochsCompleted, result.Metadata.Training.EpochsCompleted);
            Assert.True(kept.Metadata.Training.History.All(epoch => double.IsFinite(epoch.Total)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ResumingACheckpointContinuesExactlyAsAnUninterruptedRun()
    {
        string folder = Directory.CreateTempSubdirectory("asciml-resume-").FullName;
        try
        {
            string checkpoint = Path.Combine(folder, "run.asciml.checkpoint");
            TrainingResult straight = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), Quick(4), cancellation: Token);

            TrainingSettings firstHalf = Quick(2) with { CheckpointPath = checkpoint };
            VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), firstHalf, cancellation: Token);
            LoadedModel saved = ModelFile.Load(checkpoint);
            Assert.Equal(2, saved.Metadata.Training.EpochsCompleted);
            Assert.NotNull(saved.OptimizerState);

            TrainingResult resumed = VaeTrainer.Train(TrainingStart.ResumeFrom(saved), TestSounds.FourTones(), Quick(4) with { CheckpointPath = checkpoint },
                cancellation: Token);
            Assert.Equal(4, resumed.Metadata.Training.EpochsCompleted);
            Assert.Equal(straight.Metadata.Training.History, resumed.Metadata.Training.History);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ResumingWithAnotherLearningRateUsesIt()
    {
        // The checkpoint's Adam state carries the rate it was saved with; a step decay must override it. At
        // 1e-12 Adam moves each weight by about 1e-12 per step, at the saved 1e-3 by about 1e-3.
        string folder = Directory.CreateTempSubdirectory("asciml-resume-rate-").FullName;
        try
        {
            string checkpoint = Path.Combine(folder, "run.asciml.checkpoint");
            VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), Quick(2) with { CheckpointPath = checkpoint },
                cancellation: Token);
            LoadedModel saved = ModelFile.Load(checkpoint);
            float[] before = Weights(saved.Network);
            TrainingResult resumed = VaeTrainer.Train(TrainingStart.ResumeFrom(saved), TestSounds.FourTones(), Quick(3) with { LearningRate = 1e-12 },
                cancellation: Token);
            Assert.Equal(3, resumed.Metadata.Training.EpochsCompleted);
            float[] after = Weights(resumed.Network);
            double largest = before.Zip(after, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(largest < 1e-8, $"a weight moved by {largest} at learning rate 1e-12");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static float[] Weights(SoundVae network) =>
        network.parameters().SelectMany(p => p.detach().cpu().contiguous().data<float>().ToArray()).ToArray();

    [Fact]
    public void CancellationStopsAndKeepsTheModel()
    {
        using var source = new CancellationTokenSource();
        var progress = new Progress(report =>
        {
            if (report.Epoch == 2)
            {
                source.Cancel();
            }
        });
        TrainingResult result = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), Quick(50), progress, source.Token);
        Assert.Equal(TrainingStopReason.Cancelled, result.StopReason);
        Assert.InRange(result.Metadata.Training.EpochsCompleted, 1, 2);
    }

    [Fact]
    public void InvalidSettingsAreBadInput()
    {
        var error = Assert.Throws<Core.AscimlException>(() =>
            VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), Quick(1) with { BatchSize = 0 }, cancellation: Token));
        Assert.Contains("batch size", error.Message);
    }

    private sealed class Progress(Action<TrainingProgress> onReport) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => onReport(value);
    }
}
