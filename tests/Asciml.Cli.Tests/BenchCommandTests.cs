using System.Text.Json;
using Asciml.Core.Audio;

namespace Asciml.Cli.Tests;

/// <summary>The machine fields every bench prints, and libtorch's noise kept off stderr.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertMachineFields(JsonElement json, int repeats)
    {
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("cpu_model").GetString()));
        Assert.True(json.GetProperty("logical_cores").GetInt32() >= 1);
        Assert.True(json.GetProperty("threads").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("load_before").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("load_after").ValueKind);
        Assert.True(json.GetProperty("process_cpu_s").GetDouble() >= 0);
        Assert.True(json.TryGetProperty("omp_spin_count", out _), "the OpenMP spin setting is part of the setup");
        Assert.Equal(repeats, json.GetProperty("repeats").GetInt32());
    }

    [Fact]
    public void BenchTrainPrintsTheLimitAndTheMachine()
    {
        CliResult result = AscimlProcess.Run("bench", "train", "--preset", "lite", "--batch-size", "2", "--repeats", "2", "--threads", "1", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        JsonElement root = json.RootElement;
        AssertMachineFields(root, 2);
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("sgemm_gflops").GetDouble() > 0);
        Assert.True(root.GetProperty("gflop_per_sample").GetDouble() > 1);
        Assert.True(root.GetProperty("fraction_of_limit").GetDouble() > 0);
        Assert.True(root.GetProperty("ms_per_sample_min").GetDouble() <= root.GetProperty("ms_per_sample_median").GetDouble());
    }

    [Fact]
    public void BenchFeaturesPrintsTheMachine()
    {
        CliResult result = AscimlProcess.Run("bench", "features", "--count", "8", "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        AssertMachineFields(json.RootElement, 5);
        Assert.True(json.RootElement.GetProperty("ms_per_clip_min").GetDouble() > 0);
    }

    [Fact]
    public void UnknownPresetIsBadInput()
    {
        CliResult result = AscimlProcess.Run("bench", "train", "--preset", "nope", "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown model preset", result.StandardError);
    }

    [Fact]
    public void InterpolatePrintsNoLibtorchWarnings()
    {
        string a = Path.Combine(_folder, "a.wav"), b = Path.Combine(_folder, "b.wav");
        WavWriter.Write(a, Tone(220));
        WavWriter.Write(b, Tone(330));
        string model = Path.Combine(AppContext.BaseDirectory, "models", "asciml-lite-pretrained.asciml");
        CliResult result = AscimlProcess.Run("interpolate", "--model", model, "--from", a, "--to", b, "--amount", "0.5",
            "--out", Path.Combine(_folder, "mid.wav"));
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.DoesNotContain("NNPACK", result.StandardError);
        Assert.DoesNotContain("[W", result.StandardError); // c10's warning prefix
    }

    private static MonoAudio Tone(double frequency)
    {
        var samples = new float[ModelInputFormat.LengthSamples];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.4 * Math.Sin(2 * Math.PI * frequency * i / ModelInputFormat.SampleRateHz));
        }

        return new MonoAudio(samples, ModelInputFormat.SampleRateHz);
    }
}
