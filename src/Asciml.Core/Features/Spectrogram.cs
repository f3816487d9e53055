namespace Asciml.Core.Features;

/// <summary>
/// A magnitude spectrogram for looking at timbre: 512-sample periodic-Hann frames every 128 samples (8 ms at
/// 16 kHz), levels in dB relative to the clip's loudest bin, floored at <see cref="FloorDb"/>.
/// <see cref="LevelsDb"/>[frame][bin], bin k at k·16000/512 Hz (0..8 kHz).
/// </summary>
public sealed record Spectrogram(int SampleRateHz, int HopSamples, double BinHz, IReadOnlyList<double[]> LevelsDb)
{
    public const int FrameLength = 512;
    public const int Hop = 128;
    public const double FloorDb = -80;

    public static Spectrogram Compute(float[] samples, int sampleRateHz = FrameLayout.SampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(samples);
        int frames = samples.Length < FrameLength ? 0 : 1 + ((samples.Length - FrameLength) / Hop);
        int bins = (FrameLength / 2) + 1;
        var window = Enumerable.Range(0, FrameLength).Select(n => 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / FrameLength))).ToArray();
        var spectrum = new RealPowerSpectrum(FrameLength);
        var windowed = new double[FrameLength];
        var levels = new List<double[]>(frames);
        double loudest = 0;
        for (int frame = 0; frame < frames; frame++)
        {
            for (int n = 0; n < FrameLength; n++)
            {
                windowed[n] = samples[(frame * Hop) + n] * window[n];
            }

            var power = new double[bins];
            spectrum.Compute(windowed, power);
            loudest = Math.Max(loudest, power.Max());
            levels.Add(power);
        }

        foreach (double[] power in levels)
        {
            for (int k = 0; k < bins; k++)
            {
                power[k] = loudest > 0 && power[k] > 0 ? Math.Max(FloorDb, 10 * Math.Log10(power[k] / loudest)) : FloorDb;
            }
        }

        return new Spectrogram(sampleRateHz, Hop, (double)sampleRateHz / FrameLength, levels);
    }
}
