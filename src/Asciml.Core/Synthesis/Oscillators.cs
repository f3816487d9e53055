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

    public static void AddSine(Span<double> output, double frequencyHz, double amplitude, int sampleRateHz, double phaseRadians = 0, double decaySeconds = 0) =>
        AddSines(output, [new Partial(frequencyHz, amplitude, phaseRadians, decaySeconds)], sampleRateHz);

    /// <summary>
    /// Adds the partials to the output, in their order. Four partials advance together in one loop: each rotation
    /// is a dependency chain, so interleaving four keeps the processor busy — the arithmetic of each partial, and
    /// the order in which they are summed into each sample, are exactly those of adding them one by one.
    /// </summary>
    public static void AddSines(Span<double> output, ReadOnlySpan<Partial> partials, int sampleRateHz)
    {
        Span<Partial> audible = partials.Length <= 128 ? stackalloc Partial[partials.Length] : new Partial[partials.Length];
        int count = 0;
        foreach (Partial partial in partials)
        {
            if (partial.FrequencyHz > 0 && partial.FrequencyHz < MaxPartialHz && partial.Amplitude != 0)
            {
                audible[count++] = partial;
            }
        }

        int next = 0;
        for (; next + 4 <= count; next += 4)
        {
            AddFour(output, audible.Slice(next, 4), sampleRateHz);
        }

        for (; next < count; next++)
        {
            AddOne(output, audible[next], sampleRateHz);
        }
    }

    private const int AnchorBlock = 256;

    private readonly struct Rotation
    {
        public readonly double CosStep;
        public readonly double SinStep;
        public readonly double DecayPerSample;
        private readonly double _step;
        private readonly Partial _partial;

        public Rotation(Partial partial, int sampleRateHz)
        {
            _partial = partial;
            _step = 2 * Math.PI * partial.FrequencyHz / sampleRateHz;
            CosStep = Math.Cos(_step);
            SinStep = Math.Sin(_step);
            DecayPerSample = partial.DecaySeconds > 0 ? Math.Exp(-1.0 / (partial.DecaySeconds * sampleRateHz)) : 1.0;
        }

        /// <summary>Exact phase and gain at a block start, so rounding never accumulates over the clip.</summary>
        public (double Cos, double Sin, double Gain) AnchorAt(int start)
        {
            double phase = _partial.PhaseRadians + (_step * start);
            double gain = _partial.Amplitude * (_partial.DecaySeconds > 0 ? Math.Pow(DecayPerSample, start) : 1.0);
            return (Math.Cos(phase), Math.Sin(phase), gain);
        }
    }

    private static void AddOne(Span<double> output, Partial partial, int sampleRateHz)
    {
        var r = new Rotation(partial, sampleRateHz);
        for (int start = 0; start < output.Length; start += AnchorBlock)
        {
            (double c, double s, double gain) = r.AnchorAt(start);
            int end = Math.Min(output.Length, start + AnchorBlock);
            for (int i = start; i < end; i++)
            {
                output[i] += gain * s;
                (c, s) = ((c * r.CosStep) - (s * r.SinStep), (s * r.CosStep) + (c * r.SinStep));
                gain *= r.DecayPerSample;
            }
        }
    }

    private static void AddFour(Span<double> output, ReadOnlySpan<Partial> four, int sampleRateHz)
    {
        Rotation r0 = new(four[0], sampleRateHz), r1 = new(four[1], sampleRateHz), r2 = new(four[2], sampleRateHz), r3 = new(four[3], sampleRateHz);
        for (int start = 0; start < output.Length; start += AnchorBlock)
        {
            (double c0, double s0, double g0) = r0.AnchorAt(start);
            (double c1, double s1, double g1) = r1.AnchorAt(start);
            (double c2, double s2, double g2) = r2.AnchorAt(start);
            (double c3, double s3, double g3) = r3.AnchorAt(start);
            int end = Math.Min(output.Length, start + AnchorBlock);
            for (int i = start; i < end; i++)
            {
                output[i] = output[i] + (g0 * s0) + (g1 * s1) + (g2 * s2) + (g3 * s3);
                (c0, s0) = ((c0 * r0.CosStep) - (s0 * r0.SinStep), (s0 * r0.CosStep) + (c0 * r0.SinStep));
                (c1, s1) = ((c1 * r1.CosStep) - (s1 * r1.SinStep), (s1 * r1.CosStep) + (c1 * r1.SinStep));
                (c2, s2) = ((c2 * r2.CosStep) - (s2 * r2.SinStep), (s2 * r2.CosStep) + (c2 * r2.SinStep));
                (c3, s3) = ((c3 * r3.CosStep) - (s3 * r3.SinStep), (s3 * r3.CosStep) + (c3 * r3.SinStep));
                g0 *= r0.DecayPerSample;
                g1 *= r1.DecayPerSample;
                g2 *= r2.DecayPerSample;
                g3 *= r3.DecayPerSample;
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
                AddSines(output, Harmonics(harmonics, n => new Partial(n * frequencyHz, 2 / (Math.PI * n) * (n % 2 == 1 ? 1 : -1))), sampleRateHz);
                break;
            case "square":
                // Pulse of duty cycle w: cosine series with amplitudes (4 / nπ)·sin(nπw) around its mean, which is dropped.
                AddSines(output, Harmonics(harmonics, n => new Partial(n * frequencyHz, 4 / (Math.PI * n) * Math.Sin(n * Math.PI * pulseWidth), PhaseRadians: Math.PI / 2)), sampleRateHz);
                break;
            case "triangle":
                AddSines(output, Harmonics((harmonics + 1) / 2, k =>
                {
                    int n = (2 * k) - 1;
                    double sign = ((n - 1) / 2) % 2 == 0 ? 1 : -1;
                    return new Partial(n * frequencyHz, 8 / (Math.PI * Math.PI * n * n) * sign);
                }), sampleRateHz);
                break;
            default:
                throw new SynthesisParameterException($"unknown waveform '{waveform}'");
        }

        return output;
    }

    private static Partial[] Harmonics(int count, Func<int, Partial> partialNumber)
    {
        var partials = new Partial[Math.Max(0, count)];
        for (int n = 1; n <= partials.Length; n++)
        {
            partials[n - 1] = partialNumber(n);
        }

        return partials;
    }

    /// <summary>Low-frequency control shapes (tremolo) in −1..1, sample i at phase frequencyHz·i/rateHz cycles; aliasing is irrelevant for them.</summary>
    public static double[] RenderControl(string waveform, double frequencyHz, int sampleRateHz, int length)
    {
        Func<double, double> shape = waveform switch
        {
            "sine" => p => Math.Sin(2 * Math.PI * p),
            "triangle" => p => p < 0.25 ? 4 * p : p < 0.75 ? 2 - (4 * p) : (4 * p) - 4,
            "square" => p => p < 0.5 ? 1 : -1,
            "saw" => p => (2 * p) - 1,
            _ => throw new SynthesisParameterException($"unknown waveform '{waveform}'"),
        };
        var output = new double[length];
        for (int i = 0; i < length; i++)
        {
            double phaseCycles = frequencyHz * i / sampleRateHz;
            output[i] = shape(phaseCycles - Math.Floor(phaseCycles));
        }

        return output;
    }
}

/// <summary>One sine component: frequency, peak amplitude, starting phase and exponential decay time (0 = none).</summary>
internal readonly record struct Partial(double FrequencyHz, double Amplitude, double PhaseRadians = 0, double DecaySeconds = 0);
