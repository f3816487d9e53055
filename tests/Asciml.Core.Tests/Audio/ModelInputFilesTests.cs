using Asciml.Core.Audio;

namespace Asciml.Core.Tests.Audio;

/// <summary>`asciml convert`'s use-case, moved out of the CLI (issue 12).</summary>
public sealed class ModelInputFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-convert-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relative, byte[] content)
    {
        string path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void EachFileIsConvertedOrRefusedOnItsOwnInInputOrder()
    {
        string stereo = Write("in/tone.wav", TestWav.Build(TestWav.Sine(440, 44_100, 88_200, 0.25), 44_100, channels: 2));
        string same = Write("other/tone.wav", TestWav.Build(TestWav.Sine(220, 16_000, 16_000), 16_000));
        string text = Write("in/text.wav", "hello"u8.ToArray());
        string loud = Write("in/loud.wav", TestWav.Build(TestWav.Sine(440, 16_000, 16_000, 1.5), 16_000, bits: 32, floatingPoint: true));
        string output = Path.Combine(_folder, "out", "deeper");

        IReadOnlyList<ConversionOutcome> outcomes = ModelInputFiles.Convert([stereo, same, text, loud], output);

        Assert.Equal([stereo, same, text, loud], outcomes.Select(o => o.File));
        Assert.Null(outcomes[0].Error);
        DecodedAudio converted = AudioFileReader.Read(Path.Combine(output, "tone.wav"));
        Assert.Equal((1, 16000, 16000L), (converted.Info.Channels, converted.Info.SampleRateHz, converted.Info.FrameCount));
        Assert.InRange(converted.Info.PeakAmplitude, 0.245, 0.255); // no gain change without normalize
        Assert.Equal($"{same}: another input already wrote tone.wav; rename one of them", outcomes[1].Error);
        Assert.StartsWith(text, outcomes[2].Error);
        Assert.DoesNotContain('\n', outcomes[2].Error!);
        Assert.Null(outcomes[3].Error);
        Assert.Contains("peaks above full scale", Assert.Single(outcomes[3].Warnings));
        Assert.Equal("loud.wav,tone.wav", string.Join(",", Directory.GetFiles(output).Select(f => Path.GetFileName(f)).Order()));
    }

    [Fact]
    public void FileInfoIsDescribedInOneLine()
    {
        // Issue 12: `asciml info` built this line itself.
        Assert.Equal("WAV PCM 16-bit, 2 channels, 44100 Hz, 1.500 s, peak 0.2500 (-12.0 dBFS)",
            new AudioFileInfo("WAV PCM 16-bit", 2, 44_100, 66_150, 0.25).Describe());
        Assert.Equal("mp3, 1 channel, 16000 Hz, 0.001 s, peak 0.0000 (silent)", new AudioFileInfo("mp3", 1, 16_000, 16, 0).Describe());
    }

    [Fact]
    public void FloatOutputAndNormalizeNeedNoWarning()
    {
        string loud = Write("loud.wav", TestWav.Build(TestWav.Sine(440, 16_000, 16_000, 1.5), 16_000, bits: 32, floatingPoint: true));
        Assert.Empty(ModelInputFiles.Convert([loud], Path.Combine(_folder, "float"), format: WavSampleFormat.Float32)[0].Warnings);
        Assert.Empty(ModelInputFiles.Convert([loud], Path.Combine(_folder, "normalized"), normalize: true)[0].Warnings);
        Assert.InRange(AudioFileReader.Read(Path.Combine(_folder, "normalized", "loud.wav")).Info.PeakAmplitude, 0.88, 0.90);
    }
}
