using System.Buffers.Binary;
using System.Diagnostics;
using Asciml.Core.Audio;
using Asciml.Core.Tests.Audio;

namespace Asciml.Core.Tests.Reliability;

/// <summary>Issue 11, findings 1, 3 and 8: every audio input costs bounded time and memory, and bad ones say so in one line.</summary>
public sealed class HostileAudioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("asciml-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A WAV header declaring <paramref name="rateHz"/> over <paramref name="bytes"/> of 8-bit silence-ish noise.</summary>
    internal static byte[] WavAtRate(int rateHz, int frames)
    {
        var random = new Random(11);
        double[] signal = Enumerable.Range(0, frames).Select(_ => (random.NextDouble() - 0.5) * 0.5).ToArray();
        return TestWav.Build(signal, rateHz, bits: 8);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(768_001)]
    [InlineData(1_000_000)]
    public void SampleRatesOutsideTheSaneRangeAreRefusedAtReadTime(int rateHz)
    {
        // Finding 1: a 16 KB file at 1 Hz cost 49-240 s and gigabytes in `convert`.
        byte[] wav = WavAtRate(rateHz, 16_000);
        var error = Assert.Throws<UnsupportedAudioEncodingException>(() => AudioFileReader.Read(wav, "slow.wav"));
        Assert.Contains($"slow.wav: the WAV header says a sample rate of {rateHz} Hz", error.Message);
        Assert.Contains("1 kHz to 768 kHz", error.Message);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(767_999)]
    [InlineData(768_000)]
    public void RatesAtTheEdgesOfTheRangeBecomeModelInputs(int rateHz)
    {
        double[] sine = TestWav.Sine(100, rateHz, rateHz / 4, amplitude: 0.5);
        MonoAudio clip = ModelInput.FromAudio(AudioFileReader.Read(TestWav.Build(sine, rateHz, bits: 16), "edge.wav").Audio);
        Assert.Equal(ModelInputFormat.LengthSamples, clip.Samples.Length);
        Assert.InRange(clip.Samples.Max(MathF.Abs), 0.45f, 0.52f);
    }

    [Theory]
    [InlineData(999_983)]
    [InlineData(767_999)]
    [InlineData(44_101)]
    [InlineData(1_001)]
    public void OddRatesGetABoundedFilter(int rateHz)
    {
        // Finding 1: odd rates near 1 MHz designed 16 000 phases of ~3 600 taps (+230 MB, ~10 s) each.
        Assert.InRange(Resampler.FilterSize(rateHz, ModelInputFormat.SampleRateHz), 1, Resampler.MaxTableFloats);
    }

    [Fact]
    public void TheBoundedFilterStillResamplesAccurately()
    {
        const int rate = 767_999;
        double[] sine = TestWav.Sine(1000, rate, rate / 5, amplitude: 0.5);
        MonoAudio output = Resampler.Resample(new MonoAudio(sine.Select(v => (float)v).ToArray(), rate), 16_000);
        double worst = 0;
        for (int n = 400; n < output.Samples.Length - 400; n++)
        {
            double expected = 0.5 * Math.Sin(2 * Math.PI * 1000 * n / 16_000.0);
            worst = Math.Max(worst, Math.Abs(output.Samples[n] - expected));
        }

        Assert.True(worst < 2e-3, $"largest error {worst}");
    }

    [Fact]
    public void TheResamplerCacheIsBounded()
    {
        // Finding 1: one filter per input rate kept forever (five 2 KB uploads: server 154 -> 1302 MB).
        for (int i = 0; i < 3 * Resampler.MaxCachedFilters; i++)
        {
            _ = Resampler.Resample(new MonoAudio(new float[64], 700_001 + (2 * i)), 16_000);
        }

        Assert.InRange(Resampler.CachedFilterCount, 1, Resampler.MaxCachedFilters);
    }

    [Fact]
    public void AnHourAtOneKilohertzIsCutWithoutResamplingTheWhole()
    {
        // Output length is capped: only the second around the onset is resampled.
        const int rate = 1_000;
        float[] samples = new float[3600 * rate];
        for (int i = 0; i < rate; i++)
        {
            samples[(1800 * rate) + i] = (float)(0.5 * Math.Sin(2 * Math.PI * 100 * i / rate));
        }

        MonoAudio clip = ModelInput.FromAudio(new MonoAudio(samples, rate));
        Assert.Equal(ModelInputFormat.LengthSamples, clip.Samples.Length);
        Assert.InRange(clip.Samples.Take(1000).Max(MathF.Abs), 0.3f, 0.55f); // the onset is at the start of the clip
    }

    [Theory]
    [InlineData(32, 3e38)]
    [InlineData(32, -3e38)]
    [InlineData(64, 1e300)]
    [InlineData(64, -1e39)]
    [InlineData(32, 2e6)]
    public void AbsurdFloatSamplesAreRefusedAsNonFiniteAudio(int bits, double value)
    {
        // Finding 3: 64-bit floats beyond float range came back as ±Inf; float32 ±3e38 was imported and poisoned training.
        double[] signal = [0.1, value, 0.1, 0.2];
        byte[] wav = TestWav.Build(signal, 16_000, bits: bits, floatingPoint: true);
        var error = Assert.Throws<NonFiniteAudioException>(() => AudioFileReader.Read(wav, "loud.wav"));
        Assert.StartsWith("loud.wav: sample 1 of channel 1 is", error.Message);
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void LoudButPlausibleFloatSamplesAreKept()
    {
        double[] signal = [0.1, 40.0, -1000.0, 0.2];
        DecodedAudio decoded = AudioFileReader.Read(TestWav.Build(signal, 16_000, bits: 32, floatingPoint: true), "hot.wav");
        Assert.Equal(1000.0, decoded.Info.PeakAmplitude);
    }

    [Fact]
    public void ASymlinkToDevZeroIsRefusedWithoutReading()
    {
        // Finding 8: read 4.1 GB, then OutOfMemoryException.
        string link = Path.Combine(_folder, "zero.wav");
        File.CreateSymbolicLink(link, "/dev/zero");
        var error = Assert.Throws<AscimlException>(() => AudioFileReader.Read(link));
        Assert.Equal($"{link}: is a character device, not a regular file; only ordinary files are read", error.Message);
    }

    [Fact]
    public async Task AFifoNamedWavIsRefusedInsteadOfBlocking()
    {
        // Finding 8: a FIFO named .wav hung forever. (The wait below only guards the test run against that hang.)
        string fifo = Path.Combine(_folder, "pipe.wav");
        using (Process mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        Task<Exception?> reading = Task.Run(() => Record.Exception(() => AudioFileReader.Read(fifo)), TestContext.Current.CancellationToken);
        Task finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        Assert.True(finished == reading, "reading a FIFO blocked");
        AscimlException error = Assert.IsType<AscimlException>(await reading);
        Assert.Contains("pipe.wav: is a named pipe (FIFO)", error.Message);
    }

    [Fact]
    public void AFolderNamedWavIsRefused()
    {
        string folder = Path.Combine(_folder, "folder.wav");
        Directory.CreateDirectory(folder);
        var error = Assert.Throws<AscimlException>(() => AudioFileReader.Read(folder));
        Assert.Equal($"{folder}: is a folder, not a file", error.Message);
    }

    [Fact]
    public void AnOversizedFileIsRefusedBySizeBeforeReading()
    {
        // Finding 8: `import` read a whole file before its 200 MB check. A sparse file costs no disk.
        string path = Path.Combine(_folder, "huge.wav");
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.SetLength(AudioFileReader.MaxFileBytes + 1);
        }

        var error = Assert.Throws<AudioFileTooLargeException>(() => AudioFileReader.ReadFileBytes(path));
        Assert.Contains("huge.wav: 200 MB is over the 200 MB limit", error.Message);
    }

    [Fact]
    public void AFileWhoseSizeLiesIsStillReadOnlyUpToTheLimit()
    {
        // /proc files report size 0 yet have content: read on, but never past the limit.
        byte[] status = InputFiles.ReadBounded("/proc/self/status", 1 << 20);
        Assert.Contains("Name:", System.Text.Encoding.ASCII.GetString(status));
        var error = Assert.Throws<AscimlException>(() => InputFiles.ReadBounded("/proc/self/status", 16));
        Assert.Contains("over the 0 MB limit", error.Message);
    }

    [Fact]
    public void AFileNameWithANewlineGivesAOneLineError()
    {
        // Finding 8: a file name with a newline gave a two-line error.
        string path = Path.Combine(_folder, "two\nlines.wav");
        File.WriteAllText(path, "not audio at all");
        var error = Assert.ThrowsAny<AscimlException>(() => AudioFileReader.Read(path));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("two\\nlines.wav", error.Message);
    }

    [Fact]
    public void AMissingFileIsOneLineNamingIt()
    {
        string path = Path.Combine(_folder, "absent.wav");
        var error = Assert.Throws<AscimlException>(() => AudioFileReader.Read(path));
        Assert.Equal($"{path}: no such file", error.Message);
    }

    [Fact]
    public void AHeaderDeclaringHugeDataReadsOnlyWhatIsThere()
    {
        byte[] wav = TestWav.Build(TestWav.Sine(440, 16_000, 100), 16_000, declaredDataBytes: int.MaxValue);
        DecodedAudio decoded = WavReader.Read(wav, "liar.wav");
        Assert.Equal(100, decoded.Info.FrameCount);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), uint.MaxValue);
        Assert.Equal(100, WavReader.Read(wav, "liar.wav").Info.FrameCount);
    }
}
