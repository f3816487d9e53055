using Asciml.Core.Audio;

namespace Asciml.Core.Tests.Audio;

public sealed class ModelInputTests
{
    private static MonoAudio Tone(int rateHz, double seconds, double amplitude = 0.5, int silentLeadFrames = 0)
    {
        int frames = (int)(rateHz * seconds);
        float[] samples = new float[silentLeadFrames + frames];
        for (int i = 0; i < frames; i++)
        {
            samples[silentLeadFrames + i] = (float)(amplitude * Math.Sin(2 * Math.PI * 440 * i / rateHz));
        }

        return new MonoAudio(samples, rateHz);
    }

    [Theory]
    [InlineData(8000, 0.05)]
    [InlineData(44100, 0.5)]
    [InlineData(48000, 1.0)]
    [InlineData(96000, 3.0)]
    [InlineData(22050, 10.0)]
    public void AlwaysExactlyOneSecondAt16Kilohertz(int rateHz, double seconds)
    {
        MonoAudio clip = ModelInput.FromAudio(Tone(rateHz, seconds));
        Assert.Equal(16000, clip.SampleRateHz);
        Assert.Equal(16000, clip.Samples.Length);
        Assert.All(clip.Samples, s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void ShortSoundsArePaddedWithSilenceAtTheEnd()
    {
        MonoAudio clip = ModelInput.FromAudio(Tone(16000, 0.25));
        Assert.All(clip.Samples[4100..], s => Assert.Equal(0f, s));
        Assert.True(clip.Samples[..4000].Max(MathF.Abs) > 0.4f);
    }

    [Fact]
    public void LongSoundsKeepTheSecondFromTheirOnset()
    {
        // Two seconds of silence, then the tone: the clip must start just before the tone, not in the silence.
        MonoAudio clip = ModelInput.FromAudio(Tone(16000, 3.0, silentLeadFrames: 32000));
        Assert.True(clip.Samples[..80].Max(MathF.Abs) < 1e-3f);
        Assert.True(clip.Samples[100..400].Max(MathF.Abs) > 0.4f);
        Assert.True(MathF.Abs(clip.Samples[^1]) < 1e-3f, "the cut at the end fades out");
    }

    [Fact]
    public void GainIsUnchangedUnlessNormalizing()
    {
        MonoAudio quiet = Tone(16000, 1.0, amplitude: 0.1);
        Assert.InRange(ModelInput.FromAudio(quiet).Samples.Max(MathF.Abs), 0.0999f, 0.1001f);
        Assert.InRange(ModelInput.FromAudio(quiet, normalize: true).Samples.Max(MathF.Abs), 0.8912f, 0.8913f);
    }

    [Fact]
    public void SilenceStaysSilentEvenWhenNormalizing() =>
        Assert.All(ModelInput.FromAudio(new MonoAudio(new float[20000], 16000), normalize: true).Samples, s => Assert.Equal(0f, s));

    [Fact]
    public void ExportResamplesToDawRates()
    {
        MonoAudio clip = ModelInput.FromAudio(Tone(16000, 1.0));
        DecodedAudio exported = WavReader.Read(AudioExport.ToWavBytes(clip, 48000), "export.wav");
        Assert.Equal(48000, exported.Info.SampleRateHz);
        Assert.Equal(48000, exported.Audio.Samples.Length);
        Assert.Throws<AscimlException>(() => AudioExport.ToWavBytes(clip, 12345));
    }
}
