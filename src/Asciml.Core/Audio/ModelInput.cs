namespace Asciml.Core.Audio;

/// <summary>
/// Turns any audio into what the model sees: mono, 16 kHz, exactly one second (16000 samples).
/// <para>
/// Longer sounds keep the second that starts 5 ms before their onset (the first sample within 40 dB of the peak),
/// so the attack — what makes a sound recognisable — is always in; where the second cuts a sound that goes on, the
/// last 10 ms fade out so the cut does not click. Shorter sounds are padded with silence at the end. The gain is
/// unchanged unless <c>normalize</c> is set, which scales the peak to −1 dBFS.
/// </para>
/// </summary>
public static class ModelInput
{
    public const double NormalizedPeak = 0.891250938; // −1 dBFS
    private const double OnsetThresholdRelativeToPeak = 0.01; // −40 dB
    private const int PreRollSamples = 80;   // 5 ms at 16 kHz
    private const int CutFadeSamples = 160;  // 10 ms at 16 kHz

    public static MonoAudio Load(string path, bool normalize = false) => FromAudio(AudioFileReader.Read(path).Audio, normalize);

    public static MonoAudio FromAudio(MonoAudio audio, bool normalize = false)
    {
        ArgumentNullException.ThrowIfNull(audio);
        float[] resampled = Resampler.Resample(audio, ModelInputFormat.SampleRateHz).Samples;
        float[] clip = new float[ModelInputFormat.LengthSamples];
        if (resampled.Length <= clip.Length)
        {
            resampled.CopyTo(clip, 0);
        }
        else
        {
            int start = OnsetWindowStart(resampled);
            Array.Copy(resampled, start, clip, 0, clip.Length);
            if (start + clip.Length < resampled.Length)
            {
                for (int i = 0; i < CutFadeSamples; i++)
                {
                    double gain = 0.5 * (1 + Math.Cos(Math.PI * (i + 1) / CutFadeSamples));
                    clip[clip.Length - CutFadeSamples + i] *= (float)gain;
                }
            }
        }

        if (normalize)
        {
            float peak = clip.Max(MathF.Abs);
            if (peak > 0)
            {
                float gain = (float)(NormalizedPeak / peak);
                for (int i = 0; i < clip.Length; i++)
                {
                    clip[i] *= gain;
                }
            }
        }

        return new MonoAudio(clip, ModelInputFormat.SampleRateHz);
    }

    private static int OnsetWindowStart(float[] samples)
    {
        float peak = samples.Max(MathF.Abs);
        if (peak == 0)
        {
            return 0;
        }

        float threshold = (float)(peak * OnsetThresholdRelativeToPeak);
        int onset = Array.FindIndex(samples, s => MathF.Abs(s) >= threshold);
        int start = Math.Max(0, onset - PreRollSamples);
        return Math.Min(start, samples.Length - ModelInputFormat.LengthSamples);
    }
}
