using System.Numerics;

namespace Asciml.Core.Features;

/// <summary>
/// YIN pitch detection (de Cheveigné &amp; Kawahara 2002) on one 1024-sample frame at 16 kHz, searching 50–1500 Hz.
/// The integration window is 704 samples so that the largest lag (320 samples = 50 Hz) still fits in the frame.
/// Steps: difference function via FFT autocorrelation, cumulative-mean normalisation, the first lag whose value
/// dips below the absolute threshold 0.15 (then down to its local minimum), parabolic interpolation.
/// No dip below the threshold, or a silent frame, means unvoiced.
/// </summary>
internal sealed class Yin
{
    public const double MinimumF0Hz = 50;
    public const double MaximumF0Hz = 1500;
    public const double Threshold = 0.15;
    private const int FftSize = 2048;

    private readonly int _minLag = (int)Math.Floor(FrameLayout.SampleRateHz / MaximumF0Hz);
    private readonly int _maxLag = (int)Math.Ceiling(FrameLayout.SampleRateHz / MinimumF0Hz);
    private readonly int _window;
    private readonly Complex[] _frameSpectrum = new Complex[FftSize];
    private readonly Complex[] _windowSpectrum = new Complex[FftSize];
    private readonly double[] _difference;
    private readonly double[] _prefixEnergy = new double[FrameLayout.FrameLength + 1];

    public Yin()
    {
        _window = FrameLayout.FrameLength - _maxLag;
        _difference = new double[_maxLag + 2];
    }

    /// <summary>F0 in Hz, or null when the frame is unvoiced.</summary>
    public double? Estimate(ReadOnlySpan<float> frame)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            _prefixEnergy[i + 1] = _prefixEnergy[i] + ((double)frame[i] * frame[i]);
        }

        if (_prefixEnergy[frame.Length] / frame.Length < FrameLayout.MinimumFrameRms * FrameLayout.MinimumFrameRms)
        {
            return null;
        }

        // r(τ) = Σ_{j<W} x[j]·x[j+τ]: cross-correlation of the first W samples with the whole frame.
        Array.Clear(_frameSpectrum);
        Array.Clear(_windowSpectrum);
        for (int i = 0; i < frame.Length; i++)
        {
            _frameSpectrum[i] = frame[i];
        }

        for (int i = 0; i < _window; i++)
        {
            _windowSpectrum[i] = frame[i];
        }

        Fft.Forward(_frameSpectrum);
        Fft.Forward(_windowSpectrum);
        for (int k = 0; k < FftSize; k++)
        {
            _frameSpectrum[k] *= Complex.Conjugate(_windowSpectrum[k]);
        }

        Fft.Inverse(_frameSpectrum);

        // d(τ) = Σ (x[j] − x[j+τ])² = E(0..W) + E(τ..τ+W) − 2 r(τ); then d'(τ) = d(τ)·τ / Σ_{1..τ} d.
        double energyHead = _prefixEnergy[_window];
        double runningSum = 0;
        int? chosen = null;
        _difference[0] = 1;
        for (int lag = 1; lag <= _maxLag; lag++)
        {
            double correlation = _frameSpectrum[lag].Real / FftSize;
            double d = Math.Max(0, energyHead + (_prefixEnergy[lag + _window] - _prefixEnergy[lag]) - (2 * correlation));
            runningSum += d;
            _difference[lag] = runningSum > 0 ? d * lag / runningSum : 1;
        }

        for (int lag = _minLag; lag <= _maxLag; lag++)
        {
            if (_difference[lag] < Threshold)
            {
                while (lag + 1 <= _maxLag && _difference[lag + 1] < _difference[lag])
                {
                    lag++;
                }

                chosen = lag;
                break;
            }
        }

        if (chosen is not int best)
        {
            return null;
        }

        double refined = best;
        if (best > _minLag && best < _maxLag)
        {
            double left = _difference[best - 1], centre = _difference[best], right = _difference[best + 1];
            double curvature = left - (2 * centre) + right;
            if (curvature > 0)
            {
                refined = best + (0.5 * (left - right) / curvature);
            }
        }

        double f0 = FrameLayout.SampleRateHz / refined;
        return f0 is >= MinimumF0Hz * 0.97 and <= MaximumF0Hz * 1.03 ? f0 : null;
    }
}
