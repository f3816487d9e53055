using System.Text.Json;
using Asciml.Core.Audio;

namespace Asciml.Cli.Tests;

/// <summary>The model commands end to end: train, reconstruct, interpolate, pretrain, bench train/infer.</summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-model-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string DataFolder()
    {
        string data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        double[] frequencies = [110, 220, 330, 440];
        foreach (double frequency in frequencies)
        {
            var samples = new float[ModelInputFormat.LengthSamples];
            for (int i = 0; i < samples.Length; i++)
            {
                double t = (double)i / ModelInputFormat.SampleRateHz;
                samples[i] = (float)(0.5 * Math.Exp(-3 * t) * Math.Sin(2 * Math.PI * frequency * t));
            }

            WavWriter.Write(Path.Combine(data, $"tone{frequency}.wav"), new MonoAudio(samples, ModelInputFormat.SampleRateHz));
        }

        return data;
    }

    private string TrainedModel()
    {
        string model = Path.Combine(_folder, "tones.asciml");
        CliResult result = AscimlProcess.Run("train", "--data", DataFolder(), "--preset", "lite", "--epochs", "2", "--batch-size", "2",
            "--threads", "1", "--out", model);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return model;
    }

    [Fact]
    public void TrainReconstructAndInterpolateWorkTogether()
    {
        string model = TrainedModel();
        Assert.True(File.Exists(model));
        Assert.True(File.Exists(model + ".checkpoint"));

        string data = Path.Combine(_folder, "data");
        string outFolder = Path.Combine(_folder, "out");
        CliResult reconstruct = AscimlProcess.Run("reconstruct", "--model", model, Path.Combine(data, "tone110.wav"),
            Path.Combine(data, "tone440.wav"), "--out", outFolder);
        Assert.True(reconstruct.ExitCode == 0, reconstruct.StandardError);
        string[] rows = reconstruct.StandardOutput.Trim().Split('\n');
        Assert.StartsWith("file,waveform_mse,stft_distance,rms_envelope_correlation", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.True(File.Exists(Path.Combine(outFolder, "tone110.wav")));
        Assert.True(File.Exists(Path.Combine(outFolder, "tone440.wav")));

        string atZero = Path.Combine(_folder, "a.wav");
        CliResult interpolate = AscimlProcess.Run("interpolate", "--model", model, "--from", Path.Combine(data, "tone110.wav"),
            "--to", Path.Combine(data, "tone440.wav"), "--amount", "0", "--out", atZero);
        Assert.True(interpolate.ExitCode == 0, interpolate.StandardError);
        Assert.Equal(File.ReadAllBytes(Path.Combine(outFolder, "tone110.wav")), File.ReadAllBytes(atZero));

        CliResult extrapolate = AscimlProcess.Run("interpolate", "--model", model, "--from", Path.Combine(data, "tone110.wav"),
            "--to", Path.Combine(data, "tone440.wav"), "--amount", "1.5", "--out", Path.Combine(_folder, "beyond.wav"));
        Assert.Equal(0, extrapolate.ExitCode);
        Assert.Equal(44 + 2 * 16000, new FileInfo(Path.Combine(_folder, "beyond.wav")).Length);
    }

    [Fact]
    public void TrainFromPretrainedFindsTheShippedModel()
    {
        string model = Path.Combine(_folder, "fine.asciml");
        CliResult result = AscimlProcess.Run("train", "--data", DataFolder(), "--from", "pretrained", "--epochs", "1", "--batch-size", "4",
            "--threads", "1", "--out", model);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("asciml-timbre-pretrained.asciml", result.StandardError);
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void TrainResumesItsCheckpoint()
    {
        string model = TrainedModel();
        CliResult resumed = AscimlProcess.Run("train", "--data", Path.Combine(_folder, "data"), "--resume", "--epochs", "3",
            "--batch-size", "2", "--threads", "1", "--out", model);
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        Assert.Contains("resuming at epoch 3", resumed.StandardError);
        Assert.Contains("epoch 3:", resumed.StandardOutput);
    }

    [Fact]
    public async Task SigtermStopsATrainingThatKeepsItsModel()
    {
        // A long training, stopped by SIGTERM before its first checkpoint (30 s): only the graceful stop can
        // write the model. Before, the runtime killed the process at once (exit 143) and nothing was saved.
        string model = Path.Combine(_folder, "stopped.asciml");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "asciml.dll"), "train", "--data", DataFolder(),
            "--epochs", "100000", "--batch-size", "2", "--threads", "1", "--out", model })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASCIML_WORKSPACE"] = Path.Combine(_folder, "workspace");
        using var process = System.Diagnostics.Process.Start(start)!;
        using var training = new ManualResetEventSlim();
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (errors)
            {
                errors.AppendLine(line.Data);
            }

            if (line.Data?.StartsWith("Training", StringComparison.Ordinal) == true)
            {
                training.Set();
            }
        };
        process.BeginErrorReadLine();
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(training.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "training did not start");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the training did not stop");
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        string printed;
        lock (errors)
        {
            printed = errors.ToString();
        }

        Assert.True(process.ExitCode == 0, printed);
        Assert.Contains("stopped by request", await output);
        Assert.Contains("stopping after the current step", printed);
        Assert.True(File.Exists(model), "the model was not written");
    }

    [Fact]
    public void CorruptModelIsBadInputWithOneLine()
    {
        string model = Path.Combine(_folder, "broken.asciml");
        File.WriteAllText(model, "not a model");
        string wav = Path.Combine(DataFolder(), "tone110.wav");
        CliResult result = AscimlProcess.Run("interpolate", "--model", model, "--from", wav, "--to", wav, "--amount", "0.5",
            "--out", Path.Combine(_folder, "x.wav"));
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.Contains("not an Asciml model file", result.StandardError);
        Assert.False(File.Exists(Path.Combine(_folder, "x.wav")));
    }

    [Fact]
    public void TrainNeedsGroupsOrData()
    {
        CliResult result = AscimlProcess.Run("train", "--out", Path.Combine(_folder, "m.asciml"));
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void WrongPresetForAModelIsBadInput()
    {
        string model = TrainedModel();
        CliResult result = AscimlProcess.Run("train", "--data", Path.Combine(_folder, "data"), "--from", model, "--preset", "paper",
            "--epochs", "1", "--out", Path.Combine(_folder, "other.asciml"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("preset 'lite'", result.StandardError);
    }

    [Fact]
    public void PretrainSynthesizesItsCorpusAndResumes()
    {
        string model = Path.Combine(_folder, "pre.asciml");
        CliResult first = AscimlProcess.Run("pretrain", "--preset", "lite", "--sounds", "8", "--epochs", "1", "--batch-size", "4",
            "--threads", "1", "--out", model);
        Assert.True(first.ExitCode == 0, first.StandardError);
        CliResult second = AscimlProcess.Run("pretrain", "--preset", "lite", "--sounds", "8", "--epochs", "2", "--batch-size", "4",
            "--threads", "1", "--out", model);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Contains("resuming at epoch 2", second.StandardError);
    }

    [Fact]
    public void BenchTrainPrintsOneJsonObject()
    {
        CliResult result = AscimlProcess.Run("bench", "train", "--preset", "lite", "--batch-size", "2", "--steps", "1", "--threads", "1", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("lite", json.RootElement.GetProperty("preset").GetString());
        Assert.True(json.RootElement.GetProperty("params").GetInt64() > 1_000_000);
        Assert.True(json.RootElement.GetProperty("ms_per_sample").GetDouble() > 0);
    }

    [Fact]
    public void BenchInferPrintsOneJsonObject()
    {
        CliResult result = AscimlProcess.Run("bench", "infer", "--preset", "lite", "--repeats", "1", "--threads", "1", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("lite", json.RootElement.GetProperty("preset").GetString());
        foreach (string name in new[] { "encode_ms", "decode_ms", "interpolate_ms" })
        {
            Assert.True(json.RootElement.GetProperty(name).GetDouble() > 0, name);
        }
    }
}
