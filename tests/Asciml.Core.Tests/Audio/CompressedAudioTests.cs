using System.Diagnostics;
using Asciml.Core.Audio;

namespace Asciml.Core.Tests.Audio;

/// <summary>Compressed formats go through ffmpeg (installed by test.sh). One class: the env-var test must not race others.</summary>
public sealed class CompressedAudioTests
{
    private static string Encode(string extension, params string[] codecArguments)
    {
        string source = TestWav.WriteTemp(TestWav.Build(TestWav.Sine(440, 44100, 44100), 44100, channels: 2));
        string target = Path.ChangeExtension(source, extension);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "-v", "error", "-y", "-i", source }.Concat(codecArguments).Append(target))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        File.Delete(source);
        return target;
    }

    [Theory]
    [InlineData(".mp3")]
    [InlineData(".flac")]
    [InlineData(".ogg")]
    [InlineData(".m4a")]
    [InlineData(".aiff")]
    public void DecodesThroughFfmpeg(string extension)
    {
        string path = Encode(extension);
        try
        {
            DecodedAudio decoded = AudioFileReader.Read(path);
            Assert.Equal(2, decoded.Info.Channels);
            Assert.Equal(44100, decoded.Info.SampleRateHz);
            Assert.InRange(decoded.Info.DurationSeconds, 0.99, 1.1);
            MonoAudio clip = ModelInput.FromAudio(decoded.Audio);
            Assert.Equal(16000, clip.Samples.Length);
            Assert.InRange(clip.Samples.Max(MathF.Abs), 0.4f, 0.6f);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingFfmpegNamesTheFormatAndTheFix()
    {
        string path = Encode(".flac");
        string? previous = Environment.GetEnvironmentVariable(FfmpegDecoder.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(FfmpegDecoder.EnvironmentVariable, "/nonexistent/ffmpeg");
            var error = Assert.Throws<FfmpegMissingException>(() => AudioFileReader.Read(path));
            Assert.Contains("FLAC", error.Message);
            Assert.Contains("apt install ffmpeg", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FfmpegDecoder.EnvironmentVariable, previous);
            File.Delete(path);
        }
    }

    [Fact]
    public void BrokenCompressedFileGetsAnFfmpegError()
    {
        string path = TestWav.WriteTemp("ID3garbage-not-really-mp3"u8.ToArray(), ".mp3");
        try
        {
            var error = Assert.Throws<FfmpegDecodeException>(() => AudioFileReader.Read(path));
            Assert.Contains(Path.GetFileName(path), error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
