using Asciml.Core.Audio;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Tests;

/// <summary>Small deterministic sounds and a tiny network, so model tests run in seconds.</summary>
internal static class TestSounds
{
    /// <summary>Two short conv layers and small dense layers: the same code paths as the presets, far cheaper.</summary>
    public static VaeArchitecture Tiny(int latentSize = 4) =>
        new("tiny", [4, 8], 66, [4, 4], [32], latentSize, OutputActivation.Linear);

    /// <summary>A decaying sine tone (model input: 16 kHz, 16000 samples).</summary>
    public static MonoAudio Tone(double frequencyHz, double amplitude = 0.5, double decayPerSecond = 3)
    {
        var samples = new float[ModelInputFormat.LengthSamples];
        for (int i = 0; i < samples.Length; i++)
        {
            double t = (double)i / ModelInputFormat.SampleRateHz;
            samples[i] = (float)(amplitude * Math.Exp(-decayPerSecond * t) * Math.Sin(2 * Math.PI * frequencyHz * t));
        }

        return new MonoAudio(samples, ModelInputFormat.SampleRateHz);
    }

    public static TrainingData FourTones() =>
        TrainingData.FromAudio([Tone(110), Tone(220, 0.3), Tone(330, 0.6, 6), Tone(440, 0.4, 1)], "four test tones");
}
