using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

public sealed class DivergenceWatchTests
{
    // Mean loss per epoch from epoch 60 of two real pretraining runs of the timbre model with motion (docs/PRETRAINING.md).
    private static readonly double[] AtOneEMinusThree =
    [
        7.545, 7.144, 7.083, 6.998, 7.352, 7.095, 6.969, 6.897, 7.153, 6.974, 6.877, 7.000, 6.936, 6.938, 6.905, 6.858,
        6.804, 6.831, 6.888, 6.990, 6.822, 7.023, 6.756, 6.804, 6.781, 6.725, 6.589, 6.814, 6.647, 6.525, 6.538, 6.474,
        6.509, 6.641, 6.761, 6.743, 6.706, 6.639, 6.594, 6.628, 6.533, 6.739, 6.755, 7.207, 23.285, 28.300, 28.238,
        28.424, 28.263, 28.221, 28.094, 28.584, 28.350, 31.628,
    ];

    private static readonly double[] AtThreeEMinusFour =
    [
        6.800, 6.492, 6.474, 6.419, 6.354, 6.360, 6.308, 6.326, 6.287, 6.231, 6.234, 6.221, 6.179, 6.203, 6.225, 6.248,
        6.205, 6.182, 6.127, 6.154, 6.126, 6.095, 6.088, 6.084, 6.066, 6.059, 6.042, 6.030, 6.027, 5.997, 6.000, 6.075,
        6.021, 5.999, 5.997, 5.946, 5.938, 5.915, 5.926,
    ];

    [Fact]
    public void TheRunThatBlewUpIsStoppedAtItsFirstBadEpochAndKeepsItsBest()
    {
        var watch = new DivergenceWatch(steadyEpoch: 11);
        int? stopped = null;
        for (int i = 0; i < AtOneEMinusThree.Length && stopped is null; i++)
        {
            if (watch.Observe(60 + i, AtOneEMinusThree[i]) == EpochVerdict.Diverged)
            {
                stopped = 60 + i;
            }
        }

        Assert.Equal(104, stopped);
        Assert.Equal((91, 6.474), watch.Best);
    }

    [Fact]
    public void AHealthyRunIsNeverStoppedAndItsLastBestEpochIsKept()
    {
        var watch = new DivergenceWatch(steadyEpoch: 11);
        EpochVerdict[] verdicts = AtThreeEMinusFour.Select((total, i) => watch.Observe(60 + i, total)).ToArray();
        Assert.DoesNotContain(EpochVerdict.Diverged, verdicts);
        Assert.Equal((97, 5.915), watch.Best);
    }

    [Fact]
    public void WarmUpEpochsAndNonFiniteLossesAreNotCompared()
    {
        // The paper networks' loss changes scale when the spectral term starts after the MSE warm-up.
        var watch = new DivergenceWatch(steadyEpoch: 11);
        Assert.Equal(EpochVerdict.NotCompared, watch.Observe(1, 0.08));
        Assert.Equal(EpochVerdict.NotCompared, watch.Observe(10, 0.05));
        Assert.Equal(EpochVerdict.Best, watch.Observe(11, 4.2));
        Assert.Equal(EpochVerdict.Usual, watch.Observe(12, 12.5));
        Assert.Equal(EpochVerdict.NotCompared, watch.Observe(13, double.NaN));
        Assert.Equal(EpochVerdict.Diverged, watch.Observe(14, 12.7));
    }

    [Fact]
    public void TrainingThatBlowsUpKeepsTheBestEpochsModelAndSaysSo()
    {
        // Learning rate 0.1 blows this tiny timbre model up at epoch 14 (best: epoch 13), deterministically on one thread.
        TrainingData data = TrainingData.FromAudio([TestSounds.Tone(220), TestSounds.Tone(330, 0.3), TestSounds.Tone(150, 2), TestSounds.Tone(500, 1)], "tones");
        var settings = new TrainingSettings { Epochs = 60, BatchSize = 2, LearningRate = 0.1, Threads = 1, Seed = 2 };
        string checkpoint = Path.Combine(Path.GetTempPath(), $"asciml-diverged-{Guid.NewGuid():N}{ModelFile.Extension}");
        try
        {
            TrainingResult blown = VaeTrainer.Train(TrainingStart.FromScratch(TimbreModelTests.TinyTimbre()), data,
                settings with { CheckpointPath = checkpoint }, cancellation: TestContext.Current.CancellationToken);
            Assert.Equal(TrainingStopReason.Diverged, blown.StopReason);
            Assert.Matches(@"^the loss jumped from [\d.]+ \(epoch 13\) to [\d.]+ at epoch 14 \(learning rate 0\.1 may be too high\); kept the model from epoch 13$", blown.Message);
            Assert.Equal(13, blown.Metadata.Training.History[^1].Epoch);
            Assert.Equal(nameof(TrainingStopReason.Diverged), blown.Metadata.Training.StopReason);
            LoadedModel saved = ModelFile.Load(checkpoint);
            Assert.Null(saved.OptimizerState); // a resume starts Adam afresh, not from the blown-up moments
            saved.Network.Dispose();

            // The kept weights are epoch 13's: the same run stopped there decodes the same, sample for sample.
            TrainingResult thirteen = VaeTrainer.Train(TrainingStart.FromScratch(TimbreModelTests.TinyTimbre()), data,
                settings with { Epochs = 13 }, cancellation: TestContext.Current.CancellationToken);
            using var kept = new SoundModel(blown.Network, blown.Metadata);
            using var reference = new SoundModel(thirteen.Network, thirteen.Metadata);
            Assert.Equal(reference.Reconstruct(TestSounds.Tone(220)).Samples, kept.Reconstruct(TestSounds.Tone(220)).Samples);
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }
}
