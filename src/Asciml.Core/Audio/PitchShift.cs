namespace Asciml.Core.Audio;

/// <summary>
/// Transposition by resampling, as a tape or a classic sampler does it: the clip is read
/// 2^(semitones/12) times faster, so pitch and duration change together. Reading is band-limited
/// interpolation with a Blackman-windowed sinc whose cut-off drops with the speed-up (no aliasing when shifting
/// up); the result keeps the clip's length (a shift up ends in silence, a shift down is cut off at the end).
/// </summary>
public static class PitchShift
{
    public const double MaximumSemitones = 48;
    private const int ZeroCrossings = 16;
    private const double CutoffFraction = 0.95;

    public static MonoAudio Resampled(MonoAudio clip, double semitones)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (!double.IsFinite(semitones) || Math.Abs(semitones) > MaximumSemitones)
        {
            throw new AscimlException($"a resampling transposition of {semitones} semitones is out of range: use −{MaximumSemitones}..{MaximumSemitones}");
        }

        float[] input = clip.Samples;
        var output = new float[input.Length];
        if (semitones == 0)
        {
            input.CopyTo(output, 0);
            return new MonoAudio(output, clip.SampleRateHz);
        }

        double speed = Math.Pow(2, semitones / 12);
        double cutoff = CutoffFraction * Math.Min(1, 1 / speed); // of the Nyquist frequency
        int halfWidth = (int)Math.Ceiling(ZeroCrossings / cutoff);
        for (int n = 0; n < output.Length; n++)
        {
            double t = n * speed;
            int centre = (int)Math.Floor(t);
            if (centre - halfWidth >= input.Length)
            {
                break;
            }

            double sum = 0, weights = 0;
            for (int k = centre - halfWidth + 1; k <= centre + halfWidth; k++)
            {
                double u = t - k;
                double x = cutoff * u;
                double sinc = x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
                double phase = Math.PI * (u / halfWidth + 1); // 0..2π across the window
                double window = 0.42 - 0.5 * Math.Cos(phase) + 0.08 * Math.Cos(2 * phase);
                double tap = sinc * window;
                weights += tap;
                if (k >= 0 && k < input.Length)
                {
                    sum += tap * input[k];
                }
            }

            output[n] = (float)(sum / weights);
        }

        return new MonoAudio(output, clip.SampleRateHz);
    }
}
