using System.Text.Json;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Model.Timbre;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Tests;

/// <summary>The raw-waveform networks' loss schedule: MSE warm-up, then the linear + log magnitude spectral loss.</summary>
public sealed class LossScheduleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly LossSettings Switch = new(Beta: 1e-5, BetaWarmupEpochs: 0, StftWeight: 0)
    {
        SpectralWeight = 1,
        MseWarmupEpochs = 2,
    };

    [Fact]
    public void ScheduleSwitchesOrCrossfadesRightAfterTheWarmup()
    {
        Assert.Equal([0, 0, 1, 1], Enumerable.Range(1, 4).Select(Switch.SpectralShareAt));
        Assert.Equal(new LossWeights(Mse: 1, Spectral: 0, Stft: 0, Beta: 1e-5), Switch.WeightsAt(2));
        Assert.Equal(new LossWeights(Mse: 0, Spectral: 1, Stft: 0, Beta: 1e-5), Switch.WeightsAt(3));

        LossSettings ramp = Switch with { SpectralRampEpochs = 4, MseKeepWeight = 0.2, SpectralWeight = 2 };
        Assert.Equal([0, 0, 0.25, 0.5, 0.75, 1, 1], Enumerable.Range(1, 7).Select(ramp.SpectralShareAt));
        LossWeights half = ramp.WeightsAt(4);
        Assert.Equal(0.5 + 0.5 * 0.2, half.Mse, 1e-12);
        Assert.Equal(1.0, half.Spectral, 1e-12);
        Assert.Equal(new LossWeights(Mse: 0.2, Spectral: 2, Stft: 0, Beta: 1e-5), ramp.WeightsAt(100));
        Assert.Equal(7, ramp.SteadyEpoch);

        LossSettings mseOnly = Switch with { SpectralWeight = 0 };
        Assert.All(Enumerable.Range(1, 50), epoch => Assert.Equal(0, mseOnly.SpectralShareAt(epoch)));
        LossSettings fromTheStart = Switch with { MseWarmupEpochs = 0 };
        Assert.Equal(1, fromTheStart.SpectralShareAt(1));
    }

    [Fact]
    public void TrainingFollowsTheScheduleEpochByEpoch()
    {
        var settings = new TrainingSettings { Epochs = 4, BatchSize = 4, LearningRate = 1e-3, Seed = 3, Threads = 1, Loss = Switch };
        TrainingResult result = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), settings, cancellation: Token);
        IReadOnlyList<EpochLosses> history = result.Metadata.Training.History;
        Assert.Equal(4, history.Count);
        foreach (EpochLosses epoch in history.Take(2))
        {
            // Warm-up: the spectral loss is not even computed, the total is MSE + β·KL.
            Assert.Equal(0, epoch.Spectral);
            Assert.Equal(epoch.Reconstruction + 1e-5 * epoch.Kl, epoch.Total, 1e-5);
        }

        foreach (EpochLosses epoch in history.Skip(2))
        {
            // After the switch: spectral + β·KlScale·KL, the MSE still reported but no longer optimised.
            Assert.True(epoch.Spectral > 0, $"epoch {epoch.Epoch} has no spectral loss");
            Assert.True(epoch.Reconstruction > 0);
            Assert.Equal(epoch.Spectral + 1e-5 * TimbreVae.KlScale * epoch.Kl, epoch.Total, 1e-3);
        }
    }

    [Theory]
    [InlineData("silence")]
    [InlineData("noise")]
    public void LossAndGradientsAreFiniteOnSilenceAndNoise(string input)
    {
        torch.manual_seed(5);
        using var network = new WaveformVae(TestSounds.Tiny());
        network.train();
        using var generator = new Generator(11);
        using Tensor target = input == "silence"
            ? zeros(2, ModelInputFormat.LengthSamples)
            : rand(new long[] { 2, ModelInputFormat.LengthSamples }, generator: generator) * 2 - 1;
        LossSettings spectralWithKeptMse = Switch with { MseWarmupEpochs = 0, MseKeepWeight = 1, StftWeight = 0.1 };
        foreach (int epoch in new[] { 1, 3 })
        {
            network.zero_grad();
            using VaeOutput output = network.Forward(target, null);
            using LossTerms terms = network.Loss(output, target, Switch with { MseWarmupEpochs = 2 }, epoch);
            Assert.True(terms.Values().IsFinite, $"{input}, epoch {epoch}: {terms.Values()}");
            terms.Total.backward();
            Assert.All(network.parameters(), p => Assert.True(p.grad is null || p.grad.isfinite().all().item<bool>()));
        }

        // The output itself silent (a decoder that collapsed to zero) against silence: the log floor keeps it finite.
        using Tensor silent = zeros(2, ModelInputFormat.LengthSamples, requires_grad: true);
        using Tensor spectral = SpectralLoss.Compute(silent, target);
        spectral.backward();
        Assert.True(double.IsFinite(spectral.item<float>()));
        Assert.True(silent.grad!.isfinite().all().item<bool>());

        using VaeOutput all = network.Forward(target, null);
        using LossTerms allTerms = network.Loss(all, target, spectralWithKeptMse, 1);
        LossValues values = allTerms.Values();
        Assert.True(values.IsFinite && values.Spectral > 0 && values.Stft > 0, values.ToString());
    }

    [Fact]
    public void SettingsAreValidatedOnceWithOneLineNamingTheValue()
    {
        LossSettings.Default.Validate();
        // MSE only by default (the measured choice), with the warm-up ready for --spectral-weight.
        Assert.False(LossSettings.Default.UsesSpectral);
        Assert.Equal(10, LossSettings.Default.MseWarmupEpochs);
        (LossSettings Settings, string Names)[] bad =
        [
            (LossSettings.Default with { SpectralWeight = -1 }, "spectral loss weight"),
            (LossSettings.Default with { SpectralWeight = double.NaN }, "spectral loss weight"),
            (LossSettings.Default with { MseWarmupEpochs = -1 }, "MSE warm-up"),
            (LossSettings.Default with { SpectralRampEpochs = -3 }, "spectral ramp"),
            (LossSettings.Default with { MseKeepWeight = double.PositiveInfinity }, "kept MSE weight"),
            (LossSettings.Default with { Beta = -1 }, "beta"),
            (LossSettings.Default with { BetaWarmupEpochs = -1 }, "beta warm-up"),
            (LossSettings.Default with { StftWeight = -0.5 }, "STFT loss weight"),
        ];
        foreach ((LossSettings settings, string names) in bad)
        {
            var error = Assert.Throws<AscimlException>(settings.Validate);
            Assert.Contains(names, error.Message);
            Assert.DoesNotContain('\n', error.Message);
            // Training validates the loss with the rest of its settings, before any work.
            Assert.Throws<AscimlException>(() => new TrainingSettings { Loss = settings }.Validate());
        }
    }

    [Fact]
    public void TheScheduleAndSpectralHistoryRoundTripThroughTheModelFile()
    {
        string folder = Directory.CreateTempSubdirectory("asciml-loss-").FullName;
        try
        {
            LossSettings custom = Switch with { MseWarmupEpochs = 1, SpectralRampEpochs = 2, MseKeepWeight = 0.5, SpectralWeight = 3 };
            var settings = new TrainingSettings { Epochs = 2, BatchSize = 4, Seed = 1, Threads = 1, Loss = custom };
            TrainingResult result = VaeTrainer.Train(TrainingStart.FromScratch(TestSounds.Tiny()), TestSounds.FourTones(), settings, cancellation: Token);
            string path = Path.Combine(folder, "m.asciml");
            ModelFile.Save(path, result.Network, result.Metadata);

            ModelMetadata read = ModelFile.ReadMetadata(path);
            Assert.Equal(custom, read.Training.Loss);
            Assert.Equal(result.Metadata.Training.History, read.Training.History);
            Assert.Equal(0, read.Training.History[0].Spectral);
            Assert.True(read.Training.History[1].Spectral > 0);

            // Only the settings are stored, not what follows from them.
            string json = JsonSerializer.Serialize(custom, ModelFile.JsonOptions);
            Assert.Contains("\"mse_warmup_epochs\"", json);
            Assert.DoesNotContain("uses_spectral", json);
            Assert.DoesNotContain("steady_epoch", json);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void MetadataWrittenBeforeTheScheduleReadsAsMseOnly()
    {
        // The training header of a file written before the schedule existed (the shipped lite model's shape).
        const string old = """
            {"loss":{"beta":1e-06,"beta_warmup_epochs":10,"stft_weight":0},
             "history":[{"epoch":1,"total":0.03,"reconstruction":0.029,"kl":12.5,"stft":0,"beta":1e-07}]}
            """;
        TrainingProvenance training = JsonSerializer.Deserialize<TrainingProvenance>(old, ModelFile.JsonOptions)!;
        Assert.Equal(new LossSettings(1e-6, 10, 0), training.Loss);
        Assert.False(training.Loss.UsesSpectral);
        Assert.Equal(0, training.Loss.MseWarmupEpochs);
        Assert.Equal(0, training.History.Single().Spectral);
        Assert.Equal(0.029, training.History.Single().Reconstruction);

        // And the shipped lite model itself (trained with MSE only) still loads and says so.
        ModelMetadata lite = ModelFile.ReadMetadata(PretrainedModel.Locate(PretrainedModel.LiteFileName));
        Assert.False(lite.Training.Loss.UsesSpectral);
        Assert.All(lite.Training.History, epoch => Assert.Equal(0, epoch.Spectral));
    }
}
