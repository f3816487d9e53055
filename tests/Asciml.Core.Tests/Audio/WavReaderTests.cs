using Asciml.Core.Audio;

namespace Asciml.Core.Tests.Audio;

public sealed class WavReaderTests
{
    [Theory]
    [InlineData(8, false)]
    [InlineData(16, false)]
    [InlineData(24, false)]
    [InlineData(32, false)]
    [InlineData(32, true)]
    [InlineData(64, true)]
    public void ReadsEveryBitDepth(int bits, bool floatingPoint)
    {
        double[] sine = TestWav.Sine(440, 22050, 2205, amplitude: 0.5);
        DecodedAudio decoded = WavReader.Read(TestWav.Build(sine, 22050, bits: bits, floatingPoint: floatingPoint), "x.wav");
        Assert.Equal(22050, decoded.Info.SampleRateHz);
        Assert.Equal(2205, decoded.Audio.Samples.Length);
        double tolerance = bits == 8 ? 0.01 : 1e-4;
        for (int i = 0; i < sine.Length; i++)
        {
            Assert.InRange(decoded.Audio.Samples[i] - sine[i], -tolerance, tolerance);
        }

        Assert.InRange(decoded.Info.PeakAmplitude, 0.5 - tolerance, 0.5 + tolerance);
        Assert.Contains(bits.ToString(System.Globalization.CultureInfo.InvariantCulture), decoded.Info.Format);
    }

    [Fact]
    public void MixesExtensibleFivePointOneToMono()
    {
        double[] sine = TestWav.Sine(1000, 48000, 4800);
        DecodedAudio decoded = WavReader.Read(TestWav.Build(sine, 48000, channels: 6, bits: 24, extensible: true), "surround.wav");
        Assert.Equal(6, decoded.Info.Channels);
        Assert.Equal(4800, decoded.Audio.Samples.Length);
        Assert.InRange(decoded.Audio.Samples[12] - sine[12], -1e-4, 1e-4);
    }

    [Fact]
    public void SkipsMetadataChunksIncludingOddSizedOnesWithPadByte()
    {
        double[] sine = TestWav.Sine(300, 8000, 800);
        byte[] wav = TestWav.Build(sine, 8000, extraChunksBeforeData:
            [("LIST", new byte[] { 1, 2, 3, 4, 5, 6 }), ("bext", new byte[33]), ("cue ", new byte[28])]);
        DecodedAudio decoded = WavReader.Read(wav, "meta.wav");
        Assert.Equal(800, decoded.Audio.Samples.Length);
        Assert.Empty(decoded.Warnings);
        Assert.InRange(decoded.Audio.Samples[100] - sine[100], -1e-4, 1e-4);
    }

    [Fact]
    public void ReadsWhatIsThereWhenTheDataChunkClaimsMore()
    {
        double[] sine = TestWav.Sine(300, 8000, 800);
        DecodedAudio decoded = WavReader.Read(TestWav.Build(sine, 8000, declaredDataBytes: 100_000), "cut.wav");
        Assert.Equal(800, decoded.Audio.Samples.Length);
        Assert.Contains(decoded.Warnings, w => w.Contains("claims", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyFileIsRejected() =>
        Assert.Throws<UnrecognizedAudioFileException>(() => WavReader.Read([], "empty.wav"));

    [Fact]
    public void TruncatedHeaderIsRejected() =>
        Assert.Throws<CorruptAudioFileException>(() => WavReader.Read("RIFF\0\0"u8.ToArray(), "short.wav"));

    [Fact]
    public void HeaderCutInsideFmtIsRejected()
    {
        byte[] wav = TestWav.Build(TestWav.Sine(300, 8000, 10), 8000);
        Assert.Throws<CorruptAudioFileException>(() => WavReader.Read(wav.AsSpan(0, 28), "cut-fmt.wav"));
    }

    [Fact]
    public void WrongMagicIsRejected()
    {
        byte[] wav = TestWav.Build(TestWav.Sine(300, 8000, 10), 8000);
        wav[8] = (byte)'X';
        var error = Assert.Throws<UnrecognizedAudioFileException>(() => WavReader.Read(wav, "magic.wav"));
        Assert.Contains("magic.wav", error.Message);
    }

    [Fact]
    public void TextNamedWavIsRejectedByTheFileReader()
    {
        string path = TestWav.WriteTemp("just some notes, not audio\n"u8.ToArray());
        var error = Assert.Throws<UnrecognizedAudioFileException>(() => AudioFileReader.Read(path));
        Assert.Contains("not a WAV file", error.Message);
        File.Delete(path);
    }

    [Fact]
    public void ZeroChannelsIsRejected()
    {
        byte[] wav = TestWav.Build(TestWav.Sine(300, 8000, 10), 8000);
        wav[22] = 0;
        var error = Assert.Throws<UnsupportedAudioEncodingException>(() => WavReader.Read(wav, "nochannels.wav"));
        Assert.Contains("0 channels", error.Message);
    }

    [Fact]
    public void ZeroRateIsRejected()
    {
        byte[] wav = TestWav.Build(TestWav.Sine(300, 8000, 10), 8000);
        wav.AsSpan(24, 4).Clear();
        var error = Assert.Throws<UnsupportedAudioEncodingException>(() => WavReader.Read(wav, "norate.wav"));
        Assert.Contains("sample rate of 0 Hz", error.Message);
    }

    [Fact]
    public void UnsupportedBitDepthIsRejected()
    {
        byte[] wav = TestWav.Build(TestWav.Sine(300, 8000, 10), 8000, floatingPoint: true, bits: 32);
        wav[34] = 16; // 16-bit float does not exist in WAV
        Assert.Throws<UnsupportedAudioEncodingException>(() => WavReader.Read(wav, "half.wav"));
    }

    [Fact]
    public void UnsupportedCodecIsRejected()
    {
        byte[] wav = TestWav.Build(TestWav.Sine(300, 8000, 10), 8000);
        wav[20] = 0x55; // MPEG layer 3 inside WAV
        var error = Assert.Throws<UnsupportedAudioEncodingException>(() => WavReader.Read(wav, "mp3.wav"));
        Assert.Contains("0x0055", error.Message);
    }

    [Fact]
    public void NoSamplesIsRejected() =>
        Assert.Throws<EmptyAudioException>(() => WavReader.Read(TestWav.Build([], 8000), "nosamples.wav"));

    [Fact]
    public void NanSamplesAreRejected()
    {
        double[] signal = [0.1, double.NaN, 0.2];
        var error = Assert.Throws<NonFiniteAudioException>(() => WavReader.Read(TestWav.Build(signal, 8000, bits: 32, floatingPoint: true), "nan.wav"));
        Assert.Contains("NaN", error.Message);
    }

    [Fact]
    public void InfiniteSamplesAreRejected()
    {
        double[] signal = [0.1, double.PositiveInfinity];
        Assert.Throws<NonFiniteAudioException>(() => WavReader.Read(TestWav.Build(signal, 8000, bits: 64, floatingPoint: true), "inf.wav"));
    }

    [Fact]
    public void OversizedUploadIsRejectedBeforeDecoding()
    {
        var error = Assert.Throws<AudioFileTooLargeException>(() => AudioFileReader.Read(new byte[AudioFileReader.MaxFileBytes + 1], "huge.wav"));
        Assert.Contains("200 MB", error.Message);
    }

    [Theory]
    [InlineData(8000, 16, 1.0)]
    [InlineData(11025, 8, 0.3)]
    [InlineData(22050, 24, 2.0)]
    [InlineData(44100, 16, 0.05)]
    [InlineData(48000, 32, 1.5)]
    [InlineData(88200, 24, 0.7)]
    [InlineData(96000, 16, 1.2)]
    public void FilesAtEveryRateBecomeValidModelInputs(int rateHz, int bits, double seconds)
    {
        double[] sine = TestWav.Sine(440, rateHz, (int)(rateHz * seconds), amplitude: 0.5);
        string path = TestWav.WriteTemp(TestWav.Build(sine, rateHz, channels: 2, bits: bits));
        try
        {
            MonoAudio clip = ModelInput.Load(path);
            Assert.Equal(ModelInputFormat.SampleRateHz, clip.SampleRateHz);
            Assert.Equal(ModelInputFormat.LengthSamples, clip.Samples.Length);
            Assert.All(clip.Samples, s => Assert.True(float.IsFinite(s)));
            Assert.InRange(clip.Samples.Max(MathF.Abs), 0.45f, 0.52f);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SilentFileIsReadAsSilence()
    {
        DecodedAudio decoded = WavReader.Read(TestWav.Build(new double[4410], 44100), "silence.wav");
        Assert.Equal(0, decoded.Info.PeakAmplitude);
        Assert.True(double.IsNegativeInfinity(decoded.Info.PeakDbfs));
        Assert.All(ModelInput.FromAudio(decoded.Audio, normalize: true).Samples, s => Assert.Equal(0f, s));
    }

    [Fact]
    public void StreamUploadsReadLikeFiles()
    {
        double[] sine = TestWav.Sine(440, 16000, 1600);
        using var stream = new MemoryStream(TestWav.Build(sine, 16000, bits: 24));
        DecodedAudio decoded = AudioFileReader.Read(stream, "upload.wav");
        Assert.Equal("WAV PCM 24-bit", decoded.Info.Format);
        Assert.Equal(1600, decoded.Audio.Samples.Length);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"asciml-missing-{Guid.NewGuid():N}.wav");
        var error = Assert.Throws<AscimlException>(() => AudioFileReader.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void WriterAndReaderRoundTripFloatExactly()
    {
        float[] samples = [0.1f, -0.25f, 0.999f, -1f];
        DecodedAudio decoded = WavReader.Read(WavWriter.ToBytes(new MonoAudio(samples, 16000), WavSampleFormat.Float32), "rt.wav");
        Assert.Equal(samples, decoded.Audio.Samples);
    }
}
