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
        float[] clip = new float[ModelInputFormat.LengthSamples];
        if (audio.DurationSeconds > LongInputSeconds)
        {
            CutLongInput(audio, clip);
        }
        else
        {
            float[] resampled = Resampler.Resample(audio, ModelInputFormat.SampleRateHz).Samples;
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
                    FadeOut(clip);
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

    /// <summary>
    /// Inputs longer than this are not resampled whole: the onset is found at their own rate and only the second
    /// around it is resampled, so an hour-long file costs no more than a short one.
    /// </summary>
    public const double LongInputSeconds = 30;

    private static void FadeOut(float[] clip)
    {
        for (int i = 0; i < CutFadeSamples; i++)
        {
            double gain = 0.5 * (1 + Math.Cos(Math.PI * (i + 1) / CutFadeSamples));
            clip[clip.Length - CutFadeSamples + i] *= (float)gain;
        }
    }

    private static void CutLongInput(MonoAudio audio, float[] clip)
    {
        float[] samples = audio.Samples;
        double rate = audio.SampleRateHz;
        double scale = rate / ModelInputFormat.SampleRateHz; // input samples per output sample
        float peak = samples.Max(MathF.Abs);
        int onset = 0;
        if (peak > 0)
        {
            float threshold = (float)(peak * OnsetThresholdRelativeToPeak);
            onset = Array.FindIndex(samples, s => MathF.Abs(s) >= threshold);
        }

        double startSeconds = Math.Max(0, (onset / rate) - ((double)PreRollSamples / ModelInputFormat.SampleRateHz));
        startSeconds = Math.Min(startSeconds, audio.DurationSeconds - ((double)ModelInputFormat.LengthSamples / ModelInputFormat.SampleRateHz));

        // Resample the second plus a margin wider than the filter on both sides, and cut the clip out of that.
        int margin = (int)Math.Ceiling(rate * 0.05);
        int from = Math.Max(0, (int)Math.Floor(startSeconds * rate) - margin);
        int to = Math.Min(samples.Length, (int)Math.Ceiling((startSeconds * rate) + (ModelInputFormat.LengthSamples * scale)) + margin);
        float[] part = Resampler.Resample(new MonoAudio(samples[from..to], audio.SampleRateHz), ModelInputFormat.SampleRateHz).Samples;
        int offset = (int)Math.Round(((startSeconds * rate) - from) / scale);
        int count = Math.Max(0, Math.Min(clip.Length, part.Length - offset));
        Array.Copy(part, offset, clip, 0, count);
        if (startSeconds + 1.0 < audio.DurationSeconds)
        {
            FadeOut(clip);
        }
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
