using Asciml.Core.Audio;

namespace Asciml.Core.Tests.Audio;

public sealed class ResamplerTests
{
    private static double LevelAfter44100To16000(double frequencyHz)
    {
        var input = new MonoAudio(TestWav.Sine(frequencyHz, 44100, 44100, amplitude: 0.5).Select(v => (float)v).ToArray(), 44100);
        MonoAudio output = Resampler.Resample(input, 16000);
        Assert.Equal(16000, output.Samples.Length);
        // A 9 kHz tone would alias to 7 kHz at 16 kHz: that is where its residue must be measured.
        double measuredAt = frequencyHz > 8000 ? 16000 - frequencyHz : frequencyHz;
        return 20 * Math.Log10(TestWav.Amplitude(output.Samples, measuredAt, 16000, skip: 400) / 0.5);
    }

    [Fact]
    public void SevenKilohertzKeepsItsLevelWithinATenthOfADecibel() =>
        Assert.InRange(LevelAfter44100To16000(7000), -0.1, 0.1);

    [Fact]
    public void NineKilohertzIsAttenuatedByAtLeast80Decibels() =>
        Assert.True(LevelAfter44100To16000(9000) <= -80, $"9 kHz residue {LevelAfter44100To16000(9000):0.0} dB");

    [Theory]
    [InlineData(8000)]
    [InlineData(22050)]
    [InlineData(48000)]
    [InlineData(96000)]
    public void OneKilohertzPassesFromAnyRate(int rateHz)
    {
        var input = new MonoAudio(TestWav.Sine(1000, rateHz, rateHz, amplitude: 0.5).Select(v => (float)v).ToArray(), rateHz);
        MonoAudio output = Resampler.Resample(input, 16000);
        Assert.Equal(16000, output.Samples.Length);
        double levelDb = 20 * Math.Log10(TestWav.Amplitude(output.Samples, 1000, 16000, skip: 400) / 0.5);
        Assert.InRange(levelDb, -0.05, 0.05);
    }

    [Fact]
    public void UpsamplesForExport()
    {
        var clip = new MonoAudio(TestWav.Sine(440, 16000, 16000, amplitude: 0.5).Select(v => (float)v).ToArray(), 16000);
        MonoAudio output = Resampler.Resample(clip, 44100);
        Assert.Equal(44100, output.Samples.Length);
        Assert.InRange(TestWav.Amplitude(output.Samples, 440, 44100, skip: 1000), 0.49, 0.51);
    }
}
