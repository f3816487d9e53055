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
    // A 1024-point circular correlation is exact here: the window is zero beyond 704 = 1024 − 320 samples.
    private const int FftSize = FrameLayout.FrameLength;

    private readonly int _minLag = (int)Math.Floor(FrameLayout.SampleRateHz / MaximumF0Hz);
    private readonly int _maxLag = (int)Math.Ceiling(FrameLayout.SampleRateHz / MinimumF0Hz);
    private readonly int _window;
    private readonly Fft _fft = new(FftSize);
    private readonly double[] _re = new double[FftSize];
    private readonly double[] _im = new double[FftSize];
    private readonly double[] _windowRe = new double[FftSize];
    private readonly double[] _windowIm = new double[FftSize];
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

        // r(τ) = Σ_{j<W} x[j]·x[j+τ] = IFFT(X · conj(W))[τ], W the spectrum of the first W samples. Both real
        // transforms come from one complex FFT of z = x + i·w: X[k] = (Z[k] + Z*[N−k]) / 2, W[k] = (Z[k] − Z*[N−k]) / 2i.
        for (int i = 0; i < FftSize; i++)
        {
            _windowRe[i] = frame[i];
            _windowIm[i] = i < _window ? frame[i] : 0;
        }

        _fft.Forward(_windowRe, _windowIm);
        for (int k = 0; k < FftSize; k++)
        {
            int mirror = (FftSize - k) & (FftSize - 1);
            double zr = _windowRe[k], zi = _windowIm[k], mr = _windowRe[mirror], mi = -_windowIm[mirror];
            double xr = 0.5 * (zr + mr), xi = 0.5 * (zi + mi);
            double wr = 0.5 * (zi - mi), wi = -0.5 * (zr - mr);
            _re[k] = (xr * wr) + (xi * wi);
            _im[k] = (xi * wr) - (xr * wi);
        }

        _fft.Inverse(_re, _im);

        // d(τ) = Σ (x[j] − x[j+τ])² = E(0..W) + E(τ..τ+W) − 2 r(τ); then d'(τ) = d(τ)·τ / Σ_{1..τ} d.
        double energyHead = _prefixEnergy[_window];
        double runningSum = 0;
        int? chosen = null;
        _difference[0] = 1;
        for (int lag = 1; lag <= _maxLag; lag++)
        {
            double correlation = _re[lag] / FftSize;
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
