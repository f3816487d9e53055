namespace Asciml.Core.Features;

/// <summary>
/// The stretch of a stiff string's partials: partial k of a plucked or struck string sounds at k·f0·√(1 + B·k²)
/// (Fletcher 1964), not at k·f0. B is about 10⁻⁵ for a guitar or a bass string and up to 10⁻³ for a harp's
/// short strings; a wind instrument, a bowed string or a synthesizer's oscillator is harmonic (B = 0). Measured
/// on the quality set's FluidR3 samples: steel guitar 2–4·10⁻⁵ (partial 30 of A2 sounds 31 cents sharp of
/// 30·f0, two bins of the 1024-point STFT at 3.3 kHz), finger bass 3–6·10⁻⁵, harpsichord 2.5·10⁻⁵, harp
/// 1.6–1.9·10⁻⁴; every other instrument 0 (docs/QUALITY.md, "Inharmonic partials").
/// </summary>
/// <remarks>
/// How: the spectrum of the first half second after the onset (Hann window, 8192-point transform, 1.95 Hz bins)
/// gives its prominent peaks (12 dB above the mean level within a third of F0 around them, parabolic
/// frequency). For every B of a grid (0 and 120 steps of 5 % from 3·10⁻⁶ to 10⁻³) and a fundamental within ±14
/// cents of the clip's F0, it counts the first 64 partials that land within 3 cents (at least 1.5 Hz) of a
/// peak. A stretch is kept only when it explains clearly more peaks than a harmonic series does (at least 8,
/// and 4 or a fifth more than B = 0): chorus sidebands, an organ's sub-octaves or a recorder's breath
/// otherwise fit some B by chance. Counting matches rather than fitting a line to picked peaks is what makes
/// it robust: a least-squares fit over nearest peaks gave a saw lead B = 5·10⁻⁵ from its chorus. About 1 ms a sound (2 threads, steady state).
/// </remarks>
public static class StringInharmonicity
{
    /// <summary>The largest stretch measured or played (a harp's top octave).</summary>
    public const double MaximumCoefficient = 1e-3;

    /// <summary>Partials looked at, as many as the timbre model plays.</summary>
    public const int Partials = 64;

    private const int SegmentSamples = 8000;
    private const int MinimumSegmentSamples = 4000;
    private const int TransformSize = 8192;
    private const double PeakFloorDb = -70;
    private const double ProminenceDb = 12;
    private const double ToleranceCents = 3;
    private const double MinimumToleranceHz = 1.5;
    private const int TuningSpanCents = 14;
    private const int TuningStepCents = 2;
    private const int MinimumMatches = 8;
    private const double CellsPerHz = 4;

    // One transform per thread: building its tables costs more than using it.
    [ThreadStatic]
    private static RealPowerSpectrum? _transform;

    // 5 % steps: the match count peaks within ±10 % of the true B (steel guitar A2: 59 matches at 4·10⁻⁵,
    // 41 at 3.66·10⁻⁵, 45 at the chance value 10⁻⁵), so a coarser grid can miss it. From 3·10⁻⁶: below that even
    // partial 64 moves less than the 3-cent tolerance.
    private static readonly double[] Grid = [0, .. Enumerable.Range(0, 120).Select(i => 3e-6 * Math.Pow(1.05, i))];
    private static readonly double[][] Ratios = Grid.Select(b => Enumerable.Range(1, Partials).Select(k => PartialRatio(k, b)).ToArray()).ToArray();
    private static readonly double[] TuningFactors = Enumerable.Range(0, (TuningSpanCents / TuningStepCents * 2) + 1)
        .Select(i => Math.Pow(2, ((i * TuningStepCents) - TuningSpanCents) / 1200.0)).ToArray();
    private static readonly double ToleranceShare = Math.Pow(2, ToleranceCents / 1200) - 1;
    private static readonly double[] HannWindow = Enumerable.Range(0, SegmentSamples)
        .Select(n => 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / (SegmentSamples - 1)))).ToArray();

    /// <summary>
    /// B of a pitched sound whose median F0 is <paramref name="f0Hz"/>, or 0 when its partials are harmonic or
    /// too few to tell.
    /// </summary>
    public static double Estimate(ReadOnlySpan<float> samples, double f0Hz, int sampleRateHz)
    {
        if (!double.IsFinite(f0Hz) || f0Hz <= 0 || sampleRateHz <= 0)
        {
            return 0;
        }

        int onset = Onset(samples);
        int length = Math.Min(SegmentSamples, samples.Length - onset);
        if (length < MinimumSegmentSamples)
        {
            return 0;
        }

        double[] peaksHz = Peaks(samples.Slice(onset, length), f0Hz, sampleRateHz);
        if (peaksHz.Length < MinimumMatches)
        {
            return 0;
        }

        double limitHz = 0.45 * sampleRateHz;
        bool[] nearPeak = NearPeak(peaksHz, limitHz);
        int harmonicMatches = BestMatches(nearPeak, f0Hz, Ratios[0]).Matches;
        int needed = Math.Max(MinimumMatches, harmonicMatches + Math.Max(4, harmonicMatches / 5));
        // Stretching only raises partials, so no B has more partials below the limit than B = 0 at the sharpest
        // tuning: when even all of those could not be enough, the sound is harmonic (a clean wind or bowed note).
        double sharpestHz = f0Hz * TuningFactors[^1];
        if (Math.Min(Partials, (int)Math.Ceiling(nearPeak.Length / CellsPerHz / sharpestHz)) < needed)
        {
            return 0;
        }

        (int Matches, double FundamentalHz, int Index) best = (harmonicMatches, f0Hz, 0);
        for (int i = 1; i < Grid.Length; i++)
        {
            (int matches, double fundamentalHz) = BestMatches(nearPeak, f0Hz, Ratios[i]);
            if (matches > best.Matches)
            {
                best = (matches, fundamentalHz, i);
            }
        }

        return best.Matches >= needed ? Refine(peaksHz, best.FundamentalHz, best.Index, limitHz) : 0;
    }

    /// <summary>Frequency multiple of partial k (1-based) under stretch B: k·√(1 + B·k²).</summary>
    public static double PartialRatio(int k, double coefficient) => k * Math.Sqrt(1 + (coefficient * k * k));

    /// <summary>
    /// The most partials matched over fundamentals within ±14 cents of <paramref name="f0Hz"/> (YIN's median; a bowed note's
    /// partials can sit 13 cents off it) in 2-cent steps (the 3-cent tolerance covers the cent between steps).
    /// </summary>
    private static (int Matches, double FundamentalHz) BestMatches(bool[] nearPeak, double f0Hz, double[] ratios)
    {
        (int Matches, double FundamentalHz) best = (0, f0Hz);
        foreach (double factor in TuningFactors)
        {
            double cellsPerPartial = f0Hz * factor * CellsPerHz;
            int matches = 0;
            foreach (double ratio in ratios)
            {
                int cell = (int)((cellsPerPartial * ratio) + 0.5);
                if (cell >= nearPeak.Length)
                {
                    break;
                }

                if (nearPeak[cell])
                {
                    matches++;
                }
            }

            if (matches > best.Matches)
            {
                best = (matches, f0Hz * factor);
            }
        }

        return best;
    }

    /// <summary>
    /// B by least squares over the peaks the chosen series matched: (f_k / k)² = f0²·(1 + B·k²) is a line in k²,
    /// whose slope over its intercept is B. The count alone cannot place B within its grid step: a slightly
    /// smaller B with a slightly sharper fundamental matches as many partials (a string of 2.5·10⁻⁵ measured
    /// 2.2·10⁻⁵ before this fit).
    /// </summary>
    private static double Refine(double[] peaksHz, double fundamentalHz, int gridIndex, double limitHz)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        double[] ratios = Ratios[gridIndex];
        for (int k = 1; k <= ratios.Length; k++)
        {
            double partialHz = fundamentalHz * ratios[k - 1];
            if (partialHz >= limitHz)
            {
                break;
            }

            int index = Array.BinarySearch(peaksHz, partialHz);
            index = index >= 0 ? index : ~index;
            double nearest = double.NaN, distance = double.PositiveInfinity;
            foreach (int candidate in new[] { index - 1, index })
            {
                if (candidate >= 0 && candidate < peaksHz.Length && Math.Abs(peaksHz[candidate] - partialHz) < distance)
                {
                    (nearest, distance) = (peaksHz[candidate], Math.Abs(peaksHz[candidate] - partialHz));
                }
            }

            if (distance > Math.Max(MinimumToleranceHz, partialHz * ToleranceShare))
            {
                continue;
            }

            double x = (double)k * k, y = nearest / k * (nearest / k);
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        double denominator = (n * sxx) - (sx * sx);
        double slope = ((n * sxy) - (sx * sy)) / denominator;
        double intercept = (sy - (slope * sx)) / n;
        return n >= MinimumMatches && denominator > 0 && intercept > 0
            ? Math.Clamp(slope / intercept, 0, MaximumCoefficient)
            : Grid[gridIndex];
    }

    /// <summary>
    /// For every quarter-hertz cell up to <paramref name="limitHz"/>, whether a peak lies within the tolerance (3 cents,
    /// at least 1.5 Hz): each partial of the grid search is then one lookup (the search went 1.65 → 0.2 ms per sound).
    /// </summary>
    private static bool[] NearPeak(double[] peaksHz, double limitHz)
    {
        var near = new bool[(int)(limitHz * CellsPerHz)];
        foreach (double peakHz in peaksHz)
        {
            double toleranceHz = Math.Max(MinimumToleranceHz, peakHz * ToleranceShare);
            int from = Math.Max(0, (int)Math.Ceiling((peakHz - toleranceHz) * CellsPerHz));
            int to = Math.Min(near.Length - 1, (int)Math.Floor((peakHz + toleranceHz) * CellsPerHz));
            for (int cell = from; cell <= to; cell++)
            {
                near[cell] = true;
            }
        }

        return near;
    }

    /// <summary>The first 128-sample block whose RMS reaches 3 % of the loudest block's (−30 dB).</summary>
    private static int Onset(ReadOnlySpan<float> samples)
    {
        const int block = 128;
        int blocks = samples.Length / block;
        var energy = new double[blocks];
        double loudest = 0;
        for (int b = 0; b < blocks; b++)
        {
            double sum = 0;
            foreach (float sample in samples.Slice(b * block, block))
            {
                sum += (double)sample * sample;
            }

            energy[b] = sum;
            loudest = Math.Max(loudest, sum);
        }

        double threshold = loudest * 0.03 * 0.03;
        for (int b = 0; b < blocks; b++)
        {
            if (energy[b] > threshold && energy[b] > 0)
            {
                return b * block;
            }
        }

        return 0;
    }

    /// <summary>Prominent spectral peaks of a segment, in Hz, ascending.</summary>
    private static double[] Peaks(ReadOnlySpan<float> segment, double f0Hz, int sampleRateHz)
    {
        var frame = new double[TransformSize];
        for (int n = 0; n < segment.Length; n++)
        {
            // The window spans the whole segment (a shorter tail is windowed as if it were full length).
            frame[n] = segment[n] * HannWindow[(int)((long)n * (SegmentSamples - 1) / Math.Max(1, segment.Length - 1))];
        }

        int bins = (TransformSize / 2) + 1;
        var power = new double[bins];
        (_transform ??= new RealPowerSpectrum(TransformSize)).Compute(frame, power);
        double loudest = power.Max();
        if (!(loudest > 0) || !double.IsFinite(loudest))
        {
            return [];
        }

        var db = new double[bins];
        var prefix = new double[bins + 1];
        for (int i = 0; i < bins; i++)
        {
            db[i] = 10 * Math.Log10((power[i] / loudest) + 1e-24);
            prefix[i + 1] = prefix[i] + db[i];
        }

        double binHz = (double)sampleRateHz / TransformSize;
        int half = Math.Max(2, (int)Math.Round(f0Hz / 3 / binHz));
        var peaks = new List<double>();
        for (int i = 2; i < bins - 2; i++)
        {
            if (db[i] <= PeakFloorDb || db[i] <= db[i - 1] || db[i] < db[i + 1])
            {
                continue;
            }

            int from = Math.Max(0, i - half), to = Math.Min(bins, i + half);
            double around = (prefix[to] - prefix[from]) / (to - from);
            if (db[i] - around < ProminenceDb)
            {
                continue;
            }

            double a = db[i - 1], b = db[i], c = db[i + 1];
            double curvature = a - (2 * b) + c;
            double offset = curvature < 0 ? 0.5 * (a - c) / curvature : 0;
            peaks.Add((i + offset) * binHz);
        }

        return [.. peaks];
    }
}
