using Asciml.Core.Audio;
using Asciml.Core.Features;

namespace Asciml.Core.Tests.Audio;

public sealed class PitchShiftAndPcm24Tests
{
    private static MonoAudio Sine(double hz, double amplitude = 0.5) =>
        new(Enumerable.Range(0, 16000).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / 16000))).ToArray(), 16000);

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float s in samples)
        {
            sum += s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(-12)]
    [InlineData(7)]
    [InlineData(-19)]
    public void ResamplingMovesThePitchBySemitones(double semitones)
    {
        MonoAudio shifted = PitchShift.Resampled(Sine(330), semitones);
        Assert.Equal(16000, shifted.Samples.Length);
        double? f0 = ControlCurves.Extract(shifted).MedianF0Hz();
        Assert.NotNull(f0);
        double cents = 1200 * Math.Log2(f0!.Value / (330 * Math.Pow(2, semitones / 12)));
        Assert.InRange(cents, -10, 10);
    }

    [Fact]
    public void ShiftingUpPastNyquistIsFilteredNotAliased()
    {
        MonoAudio shifted = PitchShift.Resampled(Sine(6000), 12); // 12 kHz cannot exist at 16 kHz
        Assert.True(Rms(shifted.Samples.AsSpan(2000, 4000)) < 0.01 * Rms(Sine(6000).Samples), "energy folded back below Nyquist");
        MonoAudio kept = PitchShift.Resampled(Sine(2000), 12);
        Assert.InRange(Rms(kept.Samples.AsSpan(2000, 4000)) / Rms(Sine(2000).Samples), 0.95, 1.05);
    }

    [Fact]
    public void ZeroSemitonesIsACopyAndTooFarIsRefused()
    {
        MonoAudio sine = Sine(440);
        Assert.Equal(sine.Samples, PitchShift.Resampled(sine, 0).Samples);
        Assert.Throws<AscimlException>(() => PitchShift.Resampled(sine, 49));
        Assert.Throws<AscimlException>(() => PitchShift.Resampled(sine, double.NaN));
    }

    [Fact]
    public void Pcm24WavsRoundTripWithinOneStep()
    {
        float[] samples = [0f, 0.5f, -0.5f, 1f, -1f, 1.5f, 1e-7f, -0.123456f];
        byte[] wav = WavWriter.ToBytes(new MonoAudio(samples, 48_000), WavSampleFormat.Pcm24);
        Assert.Equal(44 + (3 * samples.Length), wav.Length);
        Assert.Equal(1, BitConverter.ToInt16(wav, 20));
        Assert.Equal(24, BitConverter.ToInt16(wav, 34));
        Assert.Equal(48_000 * 3, BitConverter.ToInt32(wav, 28));
        DecodedAudio read = WavReader.Read(wav, "test.wav");
        Assert.Equal(48_000, read.Audio.SampleRateHz);
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.True(Math.Abs(Math.Clamp(samples[i], -1f, 1f) - read.Audio.Samples[i]) <= 1.0 / 8_388_607, $"sample {i}");
        }
    }
}
