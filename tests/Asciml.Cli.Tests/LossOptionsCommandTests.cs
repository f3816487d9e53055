using Asciml.Core.Audio;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Cli.Tests;

/// <summary>`train`'s loss-schedule options reach the trainer and the model file; bad values are usage errors.</summary>
public sealed class LossOptionsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-loss-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string DataFolder()
    {
        string data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        foreach (double frequency in new double[] { 196, 392 })
        {
            var samples = new float[ModelInputFormat.LengthSamples];
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = (float)(0.4 * Math.Sin(2 * Math.PI * frequency * i / ModelInputFormat.SampleRateHz));
            }

            WavWriter.Write(Path.Combine(data, $"tone{frequency}.wav"), new MonoAudio(samples, ModelInputFormat.SampleRateHz));
        }

        return data;
    }

    [Fact]
    public void TrainSwitchesToTheSpectralLossAfterTheWarmupAndRecordsIt()
    {
        string model = Path.Combine(_folder, "m.asciml");
        CliResult result = AscimlProcess.Run("train", "--data", DataFolder(), "--preset", "lite", "--epochs", "2", "--batch-size", "2",
            "--threads", "1", "--spectral-weight", "1", "--mse-warmup", "1", "--spectral-ramp", "0", "--mse-keep", "0.5", "--out", model);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("spectral ", result.StandardOutput);

        TrainingProvenance training = ModelFile.ReadMetadata(model).Training;
        Assert.Equal(LossSettings.Default with { SpectralWeight = 1, MseWarmupEpochs = 1, SpectralRampEpochs = 0, MseKeepWeight = 0.5 }, training.Loss);
        Assert.Equal(0, training.History[0].Spectral);
        Assert.True(training.History[1].Spectral > 0);
    }

    [Theory]
    [InlineData("--spectral-weight", "-1", "spectral loss weight")]
    [InlineData("--mse-warmup", "-2", "MSE warm-up")]
    [InlineData("--mse-keep", "NaN", "kept MSE weight")]
    public void OutOfRangeLossOptionsAreUsageErrors(string option, string value, string named)
    {
        CliResult result = AscimlProcess.Run("train", "--data", DataFolder(), "--preset", "lite", "--epochs", "1", option, value,
            "--out", Path.Combine(_folder, "x.asciml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StandardError);
        Assert.False(File.Exists(Path.Combine(_folder, "x.asciml")));
    }
}
