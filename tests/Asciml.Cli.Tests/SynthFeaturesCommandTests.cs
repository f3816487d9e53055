using Asciml.Core.Audio;

namespace Asciml.Cli.Tests;

public sealed class SynthFeaturesCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-cli-synth-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SameSeedWritesIdenticalFilesAndFixedParametersHold()
    {
        string first = Path.Combine(_folder, "a"), second = Path.Combine(_folder, "b");
        foreach (string folder in new[] { first, second })
        {
            CliResult result = AscimlProcess.Run("synth", "--method", "additive", "--count", "3", "--seed", "9", "--param", "f0_hz=330", "--out", folder);
            Assert.Equal(0, result.ExitCode);
        }

        foreach (string name in new[] { "additive-0001.wav", "additive-0002.wav", "additive-0003.wav" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, name)), File.ReadAllBytes(Path.Combine(second, name)));
        }

        CliResult features = AscimlProcess.Run("features", Path.Combine(first, "additive-0001.wav"), Path.Combine(first, "additive-0002.wav"));
        string[] rows = features.StandardOutput.Trim().Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.All(rows[1..], row => Assert.InRange(double.Parse(row.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 325, 335));
        Assert.StartsWith(Path.Combine(first, "additive-0001.wav") + ",", rows[1]);
    }

    [Fact]
    public void BadParametersAreOneLineErrors()
    {
        CliResult unknown = AscimlProcess.Run("synth", "--method", "am", "--param", "bogus=1", "--out", _folder);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("carrier_hz", unknown.StandardError);
        Assert.Single(unknown.StandardError.Trim().Split('\n'));
        Assert.Equal(1, AscimlProcess.Run("synth", "--method", "granular", "--out", _folder).ExitCode);
        Assert.Equal(2, AscimlProcess.Run("synth", "--out", _folder).ExitCode);
    }

    [Fact]
    public void ListParamsNamesTheContractParameters()
    {
        CliResult result = AscimlProcess.Run("synth", "--method", "fm", "--list-params");
        Assert.Equal(0, result.ExitCode);
        foreach (string name in new[] { "carrier_hz", "ratio", "index", "index_decay_s", "attack_s", "decay_s", "sustain", "release_s" })
        {
            Assert.Contains(name, result.StandardOutput);
        }
    }

    [Fact]
    public void FeaturesOfSilenceLeaveF0EmptyAndBadFilesFailWithExitOne()
    {
        string silence = Path.Combine(_folder, "silence.wav");
        WavWriter.Write(silence, new MonoAudio(new float[16000], 16000));
        string bad = Path.Combine(_folder, "bad.wav");
        File.WriteAllText(bad, "nope");
        CliResult result = AscimlProcess.Run("features", silence, bad, "--format", "csv");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(silence + ",,0,0,,0", result.StandardOutput.Split('\n')[1]);
        Assert.Contains("bad.wav", result.StandardError);
    }
}
