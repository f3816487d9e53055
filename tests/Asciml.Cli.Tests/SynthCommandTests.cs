using System.Text.Json;
using Asciml.Core.Audio;

namespace Asciml.Cli.Tests;

public sealed class SynthCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-cli-synthcmd-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PresetWithoutSeedWritesOneModelInputNamedAfterThePreset()
    {
        CliResult result = AscimlProcess.Run("synth", "--method", "fm", "--preset", "bell", "--out", _folder);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["bell-0001.wav"], Directory.GetFiles(_folder).Select(Path.GetFileName));
        DecodedAudio decoded = AudioFileReader.Read(Path.Combine(_folder, "bell-0001.wav"));
        Assert.Equal(1, decoded.Info.Channels);
        Assert.Equal(ModelInputFormat.SampleRateHz, decoded.Info.SampleRateHz);
        Assert.Equal(ModelInputFormat.LengthSamples, decoded.Audio.Samples.Length);
        Assert.InRange(decoded.Info.PeakAmplitude, 0.5, 0.99);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public void CountAndSeedGiveNumberedVariationsThatChangeWithTheSeed()
    {
        string a = Path.Combine(_folder, "a"), b = Path.Combine(_folder, "b");
        Assert.Equal(0, AscimlProcess.Run("synth", "--method", "subtractive", "--preset", "pluck", "--count", "3", "--seed", "1", "--param", "waveform=square", "--out", a).ExitCode);
        Assert.Equal(0, AscimlProcess.Run("synth", "--method", "subtractive", "--preset", "pluck", "--count", "3", "--seed", "2", "--param", "waveform=square", "--out", b).ExitCode);
        string[] names = ["pluck-0001.wav", "pluck-0002.wav", "pluck-0003.wav"];
        Assert.Equal(names, Directory.GetFiles(a).Select(Path.GetFileName).Order());
        Assert.All(names, name => Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, name)), File.ReadAllBytes(Path.Combine(b, name))));
    }

    [Fact]
    public void ListParamsShowsEveryMethodWithRangesChoicesAndPresets()
    {
        CliResult result = AscimlProcess.Run("synth", "--list-params");
        Assert.Equal(0, result.ExitCode);
        foreach (string expected in new[] { "am:", "fm:", "subtractive:", "additive:", "saw|square|triangle|noise", "tilt_db_per_octave", "filter_env_octaves", "modulator_hz", "wobble", "organ" })
        {
            Assert.Contains(expected, result.StandardOutput);
        }

        string depthLine = result.StandardOutput.Split('\n').First(l => l.TrimStart().StartsWith("depth ", StringComparison.Ordinal));
        Assert.Contains("0..1", depthLine);
    }

    [Fact]
    public void BadValuesPresetsAndCountsFailWithOneLineAndNoFiles()
    {
        (string[] Arguments, string Mentions)[] cases =
        [
            (["--method", "am", "--param", "depth=2"], "0 to 1"),
            (["--method", "subtractive", "--param", "waveform=kazoo"], "saw, square, triangle, noise"),
            (["--method", "fm", "--preset", "kazoo"], "bell"),
            (["--method", "additive", "--param", "partials"], "NAME=VALUE"),
            (["--method", "am", "--count", "0", "--seed", "1"], "count"),
        ];
        foreach ((string[] arguments, string mentions) in cases)
        {
            CliResult result = AscimlProcess.Run(["synth", .. arguments, "--out", _folder], workingDirectory: null);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(mentions, result.StandardError);
            Assert.Single(result.StandardError.Trim().Split('\n'));
        }

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void BenchSynthPrintsOneJsonObject()
    {
        CliResult result = AscimlProcess.Run("bench", "synth", "--count", "8", "--json");
        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(8, json.RootElement.GetProperty("sounds").GetInt32());
        double total = json.RootElement.GetProperty("ms_total").GetDouble();
        Assert.True(total > 0);
        Assert.Equal(total / 8, json.RootElement.GetProperty("ms_per_sound").GetDouble(), 0.01);
    }
}
