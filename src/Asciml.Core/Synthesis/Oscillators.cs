namespace Asciml.Core.Synthesis;

/// <summary>
/// Band-limited oscillators built as sums of their harmonics below Nyquist, so nothing aliases: a saw, square or
/// triangle at any pitch contains exactly its own partials. Sines are advanced by a rotation recurrence (two
/// multiplies per harmonic and sample), re-anchored every block to keep the phase exact in single precision.
/// </summary>
internal static class Oscillators
{
    /// <summary>Highest partial kept: a little under the 8 kHz Nyquist frequency of the model input.</summary>
    public const double MaxPartialHz = 7900;

    public static void AddSine(Span<double> output, double frequencyHz, double amplitude, int sampleRateHz, double phaseRadians = 0, double decaySeconds = 0)
    {
        if (frequencyHz <= 0 || frequencyHz >= MaxPartialHz || amplitude == 0)
        {
            return;
        }

        const int Block = 256;
        double step = 2 * Math.PI * frequencyHz / sampleRateHz;
        double cosStep = Math.Cos(step), sinStep = Math.Sin(step);
        double decayPerSample = decaySeconds > 0 ? Math.Exp(-1.0 / (decaySeconds * sampleRateHz)) : 1.0;
        for (int start = 0; start < output.Length; start += Block)
        {
            double phase = phaseRadians + (step * start);
            double c = Math.Cos(phase), s = Math.Sin(phase);
            double gain = amplitude * (decaySeconds > 0 ? Math.Pow(decayPerSample, start) : 1.0);
            int end = Math.Min(output.Length, start + Block);
            for (int i = start; i < end; i++)
            {
                output[i] += gain * s;
                (c, s) = ((c * cosStep) - (s * sinStep), (s * cosStep) + (c * sinStep));
                gain *= decayPerSample;
            }
        }
    }

    /// <summary>A periodic waveform of peak amplitude about 1 from its Fourier series, harmonics limited to below Nyquist.</summary>
    public static double[] Render(string waveform, double frequencyHz, int sampleRateHz, int length, double pulseWidth = 0.5)
    {
        var output = new double[length];
        int harmonics = (int)Math.Floor(MaxPartialHz / frequencyHz);
        switch (waveform)
        {
            case "sine":
                AddSine(output, frequencyHz, 1, sampleRateHz);
                break;
            case "saw":
                for (int n = 1; n <= harmonics; n++)
                {
                    AddSine(output, n * frequencyHz, 2 / (Math.PI * n) * (n % 2 == 1 ? 1 : -1), sampleRateHz);
                }

                break;
            case "square":
                // Pulse of duty cycle w: cosine series with amplitudes (4 / nπ)·sin(nπw) around its mean, which is dropped.
                for (int n = 1; n <= harmonics; n++)
                {
                    AddSine(output, n * frequencyHz, 4 / (Math.PI * n) * Math.Sin(n * Math.PI * pulseWidth), sampleRateHz, phaseRadians: Math.PI / 2);
                }

                break;
            case "triangle":
                for (int n = 1; n <= harmonics; n += 2)
                {
                    double sign = ((n - 1) / 2) % 2 == 0 ? 1 : -1;
                    AddSine(output, n * frequencyHz, 8 / (Math.PI * Math.PI * n * n) * sign, sampleRateHz);
                }

                break;
            default:
                throw new SynthesisParameterException($"unknown waveform '{waveform}'");
        }

        return output;
    }

    /// <summary>Low-frequency control shapes (tremolo) in −1..1; aliasing is irrelevant for them.</summary>
    public static double Control(string waveform, double phaseCycles)
    {
        double p = phaseCycles - Math.Floor(phaseCycles);
        return waveform switch
        {
            "sine" => Math.Sin(2 * Math.PI * p),
            "triangle" => p < 0.25 ? 4 * p : p < 0.75 ? 2 - (4 * p) : (4 * p) - 4,
            "square" => p < 0.5 ? 1 : -1,
            "saw" => (2 * p) - 1,
            _ => throw new SynthesisParameterException($"unknown waveform '{waveform}'"),
        };
    }
}
