using System.Numerics.Tensors;

namespace Asciml.Core.Features;

/// <summary>
/// YIN pitch detection (de Cheveigné &amp; Kawahara 2002) at 16 kHz, searching 50–1500 Hz. A frame holds
/// <see cref="WindowSamples"/> + <see cref="MaximumLag"/> samples: the integration window and the largest lag
/// (320 samples = 50 Hz). Steps: the difference function d(τ) = Σ_{j&lt;W} (x[j] − x[j+τ])², its cumulative-mean
/// normalisation d′, the first lag whose d′ dips below the absolute threshold 0.15 (then down to its local
/// minimum), parabolic interpolation. No dip below the threshold, or a silent frame, means unvoiced.
/// <para>
/// d(τ) is summed directly with SIMD vectors rather than through an FFT autocorrelation, and only up to the
/// lag the decision needs (a periodic frame stops after about one period): for the 125 control frames of a
/// 220 Hz tone, 12.2 ms of CPU with two 1024-point FFTs per frame became 2.3 ms at W = 704 and 1.7 ms at W = 400
/// (process CPU time, median of 7 × 20 runs, load 20). It also has
/// no E(0) + E(τ) − 2r(τ) cancellation on strongly periodic frames.
/// </para>
/// </summary>
internal sealed class Yin
{
    public const double MinimumF0Hz = 50;
    public const double MaximumF0Hz = 1500;
    public const double Threshold = 0.15;

    /// <summary>The descriptor window: 704 samples (44 ms), so that window + largest lag fill a 1024-sample analysis frame.</summary>
    public const int DescriptorWindowSamples = FrameLayout.FrameLength - MaximumLag;

    public const int MaximumLag = 320;
    private const int MinimumLag = 10;

    private readonly float[] _frame;
    private readonly double[] _normalised = new double[MaximumLag + 2];

    /// <param name="windowSamples">The integration window W; a shorter window follows gliding pitch (speech) more closely.</param>
    public Yin(int windowSamples = DescriptorWindowSamples)
    {
        if (windowSamples is < 64 or > DescriptorWindowSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSamples), windowSamples, "YIN window must be 64–704 samples");
        }

        WindowSamples = windowSamples;
        _frame = new float[FrameSamples];
    }

    public int WindowSamples { get; }

    /// <summary>Samples one estimate reads: the window plus the largest lag.</summary>
    public int FrameSamples => WindowSamples + MaximumLag;

    /// <summary>F0 in Hz of a frame of at least <see cref="FrameSamples"/> samples (only the first are read), or null when unvoiced.</summary>
    public double? Estimate(ReadOnlySpan<float> frame) => Estimate(frame, out _);

    /// <summary>
    /// <see cref="Estimate(ReadOnlySpan{float})"/>, also giving the lowest d′ seen in the search range: for an
    /// unvoiced frame that is the global minimum (the scan ran through every lag), 1 for a silent frame.
    /// </summary>
    public double? Estimate(ReadOnlySpan<float> frame, out double lowestDip)
    {
        lowestDip = 1;
        if (frame.Length < FrameSamples)
        {
            throw new ArgumentException($"YIN needs {FrameSamples} samples, got {frame.Length}", nameof(frame));
        }

        double energy = 0;
        for (int i = 0; i < _frame.Length; i++)
        {
            float value = frame[i];
            _frame[i] = value;
            energy += (double)value * value;
        }

        if (energy / _frame.Length < FrameLayout.MinimumFrameRms * FrameLayout.MinimumFrameRms)
        {
            return null;
        }

        var direct = new DirectDifference(_frame, WindowSamples);
        return Decide(ref direct, _normalised, out lowestDip);
    }

    /// <summary>A source of d(τ), asked for τ = 1, 2, 3, … in order (a struct, so <see cref="Decide"/> is specialised per source).</summary>
    internal interface IDifferenceFunction
    {
        double Difference(int lag);
    }

    /// <summary>
    /// YIN's decision from d(τ): the cumulative-mean normalisation d′, the first lag whose d′ dips below
    /// <see cref="Threshold"/> (then down to its local minimum), parabolic interpolation. d′ is computed lag by lag
    /// only as far as the decision needs: the first dip below the threshold, down to its minimum, plus one lag for
    /// the parabola. The result equals a full pass; periodic frames stop after about one period instead of 320 lags.
    /// <paramref name="normalised"/> holds at least <see cref="MaximumLag"/> + 2 values.
    /// </summary>
    internal static double? Decide<TDifference>(ref TDifference source, double[] normalised, out double lowestDip)
        where TDifference : struct, IDifferenceFunction
    {
        lowestDip = 1;
        double runningSum = 0;
        int computed = 0;
        double Normalised(ref TDifference source, int lag)
        {
            while (computed < lag)
            {
                computed++;
                double d = source.Difference(computed);
                runningSum += d;
                normalised[computed] = runningSum > 0 ? d * computed / runningSum : 1;
            }

            return normalised[lag];
        }

        int? chosen = null;
        for (int lag = MinimumLag; lag <= MaximumLag; lag++)
        {
            if (Normalised(ref source, lag) < Threshold)
            {
                while (lag + 1 <= MaximumLag && Normalised(ref source, lag + 1) < normalised[lag])
                {
                    lag++;
                }

                chosen = lag;
                break;
            }
        }

        if (chosen is not int best)
        {
            for (int lag = MinimumLag; lag <= MaximumLag; lag++)
            {
                lowestDip = Math.Min(lowestDip, normalised[lag]);
            }

            return null;
        }

        lowestDip = normalised[best];

        if (best < MaximumLag)
        {
            Normalised(ref source, best + 1);
        }

        double refined = best;
        if (best > MinimumLag && best < MaximumLag)
        {
            double left = normalised[best - 1], centre = normalised[best], right = normalised[best + 1];
            double curvature = left - (2 * centre) + right;
            if (curvature > 0)
            {
                refined = best + (0.5 * (left - right) / curvature);
            }
        }

        double f0 = FrameLayout.SampleRateHz / refined;
        return f0 is >= MinimumF0Hz * 0.97 and <= MaximumF0Hz * 1.03 ? f0 : null;
    }

    /// <summary>d(τ) = Σ_{j&lt;W} (x[j] − x[j+τ])², one vectorised pass per lag.</summary>
    private readonly struct DirectDifference(float[] frame, int windowSamples) : IDifferenceFunction
    {
        public double Difference(int lag)
        {
            double distance = TensorPrimitives.Distance(frame.AsSpan(0, windowSamples), frame.AsSpan(lag, windowSamples));
            return distance * distance;
        }
    }
}
