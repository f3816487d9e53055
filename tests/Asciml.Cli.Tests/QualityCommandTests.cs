using System.Text.Json;
using Asciml.Core.Audio;
using Asciml.Core.Features;

namespace Asciml.Cli.Tests;

/// <summary>`bench quality --smoke` end to end (needs fluidsynth, the FluidR3 GM font and espeak-ng) and transposition.</summary>
public sealed class QualityCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-quality-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SmokeRunPrintsEveryContractFieldPerFamilyAndOverall()
    {
        CliResult result = AscimlProcess.Run("bench", "quality", "--smoke", "--work", Path.Combine(_folder, "set"), "--json");
        Assert.True(result.ExitCode == 0, result.StandardError);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        JsonElement root = json.RootElement;
        Assert.Equal("timbre", root.GetProperty("preset").GetString());
        Assert.Equal(4, root.GetProperty("clips").GetInt32());
        string[] fields = ["logmag80_db", "env_corr", "level_db_error", "centroid_hz_error"];
        foreach (JsonElement summary in new[] { root.GetProperty("overall") }.Concat(root.GetProperty("families").EnumerateObject().Select(p => p.Value)))
        {
            foreach (string field in fields)
            {
                Assert.True(summary.TryGetProperty(field, out _), $"missing {field} in {summary}");
            }
        }

        Assert.Equal(["instrument", "percussion", "synth", "voice"], root.GetProperty("families").EnumerateObject().Select(p => p.Name).Order());
        Assert.True(root.GetProperty("overall").TryGetProperty("f0_cents", out _));
        Assert.True(root.GetProperty("overall").TryGetProperty("f0_within_50c", out _));
        // The silent row is always there beside the MR-STFT distance, and silence never scores well.
        JsonElement silent = root.GetProperty("baselines").GetProperty("silent").GetProperty("overall");
        Assert.Equal(0, silent.GetProperty("env_corr").GetDouble());
        Assert.True(silent.GetProperty("logmag80_db").GetDouble() > root.GetProperty("overall").GetProperty("logmag80_db").GetDouble());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("cpu_model").GetString()));
        Assert.Equal(3, root.GetProperty("load_average").GetProperty("before").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_folder, "set", "kick.wav")), "rendered clips are cached in --work");
    }

    [Fact]
    public void InterpolateTransposesAPitchedSoundAnOctaveWithThePretrainedModel()
    {
        string a = Path.Combine(_folder, "a.wav");
        var samples = new float[ModelInputFormat.LengthSamples];
        for (int i = 0; i < samples.Length; i++)
        {
            double t = (double)i / ModelInputFormat.SampleRateHz;
            samples[i] = (float)(0.4 * Math.Exp(-1.5 * t) * (Math.Sin(2 * Math.PI * 220 * t) + 0.5 * Math.Sin(2 * Math.PI * 440 * t)));
        }

        WavWriter.Write(a, new MonoAudio(samples, ModelInputFormat.SampleRateHz));
        string plain = Path.Combine(_folder, "plain.wav"), up = Path.Combine(_folder, "nested", "up.wav");
        CliResult first = AscimlProcess.Run("interpolate", "--model", "pretrained", "--from", a, "--to", a, "--amount", "0", "--out", plain);
        CliResult second = AscimlProcess.Run("interpolate", "--model", "pretrained", "--from", a, "--to", a, "--amount", "0", "--transpose", "12", "--out", up);
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.True(second.ExitCode == 0, second.StandardError);
        double? f0 = ControlCurves.Extract(ModelInput.Load(plain)).MedianF0Hz(), f0Up = ControlCurves.Extract(ModelInput.Load(up)).MedianF0Hz();
        Assert.NotNull(f0);
        Assert.NotNull(f0Up);
        Assert.InRange(1200 * Math.Log2(f0Up!.Value / f0!.Value), 1150, 1250);

        CliResult tooFar = AscimlProcess.Run("interpolate", "--model", "pretrained", "--from", a, "--to", a, "--amount", "0", "--transpose", "30", "--out", up);
        Assert.Equal(1, tooFar.ExitCode);
        Assert.Single(tooFar.StandardError.Trim().Split('\n'));
        Assert.Contains("out of range", tooFar.StandardError);
    }
}
