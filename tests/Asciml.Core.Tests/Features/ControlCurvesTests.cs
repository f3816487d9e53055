using Asciml.Core.Audio;
using Asciml.Core.Features;

namespace Asciml.Core.Tests.Features;

public sealed class ControlCurvesTests
{
    private const int SampleRateHz = ModelInputFormat.SampleRateHz;

    private static MonoAudio Glide(double startHz, double endHz) => Buzz(i => Frequency(startHz, endHz, i));

    /// <summary>A voice-like buzz (8 harmonics falling 6 dB per octave) whose pitch at sample i is frequencyHz(i).</summary>
    private static MonoAudio Buzz(Func<double, double> frequencyHz, double amplitude = 0.3)
    {
        var samples = new float[ModelInputFormat.LengthSamples];
        double phase = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            double f = frequencyHz(i);
            phase += 2 * Math.PI * f / SampleRateHz;
            double value = 0;
            for (int k = 1; k <= 8; k++)
            {
                value += Math.Sin(k * phase) / k;
            }

            samples[i] = (float)(amplitude * value / 2);
        }

        return new MonoAudio(samples, SampleRateHz);
    }

    private static double Frequency(double startHz, double endHz, double sample) =>
        startHz * Math.Pow(endHz / startHz, sample / ModelInputFormat.LengthSamples);

    [Fact]
    public void SteadyToneIsVoicedEverywhereAtItsPitch()
    {
        // The first and last frames reach past the clip (zeros) and may be unvoiced; they hold the nearest pitch.
        ControlCurves curves = ControlCurves.Extract(Glide(220, 220));
        Assert.All(curves.Voicing.Skip(3).SkipLast(3), v => Assert.Equal(1f, v));
        Assert.All(curves.F0Hz, f => Assert.InRange(1200 * Math.Log2(f / 220), -5, 5));
        Assert.InRange(1200 * Math.Log2(curves.MedianF0Hz()!.Value / 220), -2, 2);
        Assert.True(curves.IsPitched);
    }

    [Fact]
    public void FastGlideStaysVoicedAndTracked()
    {
        // Two octaves in one second, faster than a sung portamento: each frame's F0 within 25 cents of the
        // instantaneous pitch at its centre, and (almost) every frame voiced.
        ControlCurves curves = ControlCurves.Extract(Glide(110, 440));
        int voiced = curves.Voicing.Count(v => v > 0.5f);
        Assert.True(voiced >= ControlCurves.FrameCount - 6, $"{voiced} of {ControlCurves.FrameCount} frames voiced");
        for (int k = 3; k < ControlCurves.FrameCount - 3; k++)
        {
            double expected = Frequency(110, 440, (k * ControlCurves.HopSamples) + (ControlCurves.HopSamples / 2.0));
            double cents = 1200 * Math.Log2(curves.F0Hz[k] / expected);
            Assert.True(Math.Abs(cents) < 25, $"frame {k}: {curves.F0Hz[k]:0.0} Hz against {expected:0.0} Hz ({cents:0.0} cents)");
        }
    }

    [Fact]
    public void DeepVibratoStaysVoiced()
    {
        // ±2 semitones at 7 Hz around 150 Hz, a wide operatic vibrato. With the descriptors' 704-sample YIN
        // window only 66 of 125 frames were voiced; the controls' 400-sample window keeps them (measured 122).
        double Vibrato(double sample) => 150 * Math.Pow(2, 2.0 / 12 * Math.Sin(2 * Math.PI * 7 * sample / SampleRateHz));
        ControlCurves curves = ControlCurves.Extract(Buzz(Vibrato, amplitude: 0.3));
        int voiced = curves.Voicing.Count(v => v > 0.5f);
        Assert.True(voiced >= 115, $"{voiced} of {ControlCurves.FrameCount} frames voiced");
        for (int k = 3; k < ControlCurves.FrameCount - 3; k++)
        {
            double expected = Vibrato((k * ControlCurves.HopSamples) + (ControlCurves.HopSamples / 2.0));
            double cents = 1200 * Math.Log2(curves.F0Hz[k] / expected);
            // The 5-frame (40 ms) median against octave slips rounds the peaks of so fast a vibrato a little.
            Assert.True(Math.Abs(cents) < 80, $"frame {k}: {curves.F0Hz[k]:0.0} Hz against {expected:0.0} Hz ({cents:0.0} cents)");
        }
    }

    [Fact]
    public void NoiseAndSilenceHaveNoPitch()
    {
        var random = new Random(3);
        var noise = new MonoAudio(Enumerable.Range(0, ModelInputFormat.LengthSamples).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.3f).ToArray(), SampleRateHz);
        ControlCurves noisy = ControlCurves.Extract(noise);
        Assert.False(noisy.IsPitched);
        Assert.Null(noisy.MedianF0Hz());

        ControlCurves silent = ControlCurves.Extract(new MonoAudio(new float[ModelInputFormat.LengthSamples], SampleRateHz));
        Assert.All(silent.Voicing, v => Assert.Equal(0f, v));
        Assert.All(silent.F0Hz, f => Assert.Equal((float)ControlCurves.UnpitchedF0Hz, f));
        Assert.All(silent.LoudnessDb, l => Assert.Equal((float)ControlCurves.SilenceDb, l));
    }
}
