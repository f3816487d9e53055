using Asciml.Core.Audio;

namespace Asciml.Cli.Tests;

public sealed class InfoConvertCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-info-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteTone(string name, int rateHz, double seconds, double amplitude)
    {
        float[] samples = Enumerable.Range(0, (int)(rateHz * seconds))
            .Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * 440 * i / rateHz))).ToArray();
        string path = Path.Combine(_folder, name);
        WavWriter.Write(path, new MonoAudio(samples, rateHz));
        return path;
    }

    [Fact]
    public void InfoDescribesEachFileAndReportsBadOnesWithoutStackTraces()
    {
        string good = WriteTone("tone.wav", 44100, 1.5, 0.5);
        string bad = Path.Combine(_folder, "notes.wav");
        File.WriteAllText(bad, "not audio");
        CliResult result = AscimlProcess.Run("info", good, bad);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("WAV PCM 16-bit, 1 channel, 44100 Hz, 1.500 s, peak 0.5000", result.StandardOutput);
        string error = result.StandardError.Trim();
        Assert.Single(error.Split('\n'));
        Assert.Contains("notes.wav", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void ConvertWritesExactModelInputsWithoutGainChange()
    {
        string input = WriteTone("long.wav", 48000, 2.5, 0.25);
        string output = Path.Combine(_folder, "out");
        CliResult result = AscimlProcess.Run("convert", input, "--out", output);
        Assert.Equal(0, result.ExitCode);
        DecodedAudio converted = AudioFileReader.Read(Path.Combine(output, "long.wav"));
        Assert.Equal(1, converted.Info.Channels);
        Assert.Equal(16000, converted.Info.SampleRateHz);
        Assert.Equal(16000, converted.Info.FrameCount);
        Assert.InRange(converted.Info.PeakAmplitude, 0.245, 0.255);

        CliResult normalized = AscimlProcess.Run("convert", input, "--out", output, "--normalize");
        Assert.Equal(0, normalized.ExitCode);
        Assert.InRange(AudioFileReader.Read(Path.Combine(output, "long.wav")).Info.PeakAmplitude, 0.88, 0.90);
    }

    [Fact]
    public void ConvertWithoutOutIsBadUsage() =>
        Assert.Equal(2, AscimlProcess.Run("convert", "x.wav").ExitCode);

    [Fact]
    public void MissingFileIsBadInput()
    {
        CliResult result = AscimlProcess.Run("info", Path.Combine(_folder, "missing.wav"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no such file", result.StandardError);
    }
}
