namespace Asciml.Core.Features;

/// <summary>
/// In-place iterative radix-2 complex FFT for one fixed power-of-two size, with precomputed twiddles and bit-reversal
/// table (X[k] = Σ x[n]·e^(−2πikn/N), no scaling). Written here rather than calling MathNet's Fourier because the
/// feature extractor runs several 1024-point transforms per frame from many threads: with MathNet's Fourier (and the
/// dense mel matrix) `asciml bench features` measured 11.6 ms per clip, with this one 2.4 ms under the same load
/// (docs/BENCHMARKS.md). Not thread-safe per instance: one per thread.
/// </summary>
internal sealed class Fft
{
    private readonly int _size;
    private readonly int[] _bitReversed;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "FFT size must be a power of two");
        }

        _size = size;
        int bits = System.Numerics.BitOperations.Log2((uint)size);
        _bitReversed = new int[size];
        for (int i = 0; i < size; i++)
        {
            int reversed = 0;
            for (int b = 0; b < bits; b++)
            {
                reversed |= ((i >> b) & 1) << (bits - 1 - b);
            }

            _bitReversed[i] = reversed;
        }

        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (int k = 0; k < size / 2; k++)
        {
            _cos[k] = Math.Cos(2 * Math.PI * k / size);
            _sin[k] = -Math.Sin(2 * Math.PI * k / size);
        }
    }

    public int Size => _size;

    /// <summary>Forward transform of (re, im) in place.</summary>
    public void Forward(double[] re, double[] im) => Transform(re, im, inverseSign: 1);

    /// <summary>Inverse transform without the 1/N factor.</summary>
    public void Inverse(double[] re, double[] im) => Transform(re, im, inverseSign: -1);

    private void Transform(double[] re, double[] im, int inverseSign)
    {
        for (int i = 0; i < _size; i++)
        {
            int j = _bitReversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (int half = 1; half < _size; half <<= 1)
        {
            int twiddleStep = _size / (half * 2);
            for (int start = 0; start < _size; start += half * 2)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = _cos[k * twiddleStep], wi = inverseSign * _sin[k * twiddleStep];
                    int a = start + k, b = a + half;
                    double tr = (re[b] * wr) - (im[b] * wi);
                    double ti = (re[b] * wi) + (im[b] * wr);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}

/// <summary>
/// Power spectrum |X[k]|², k = 0..N/2, of a real frame of N samples through one complex FFT of N/2 points: the even
/// and odd samples form the real and imaginary parts, and the two half-size spectra are recombined with twiddles.
/// </summary>
internal sealed class RealPowerSpectrum
{
    private readonly int _size;
    private readonly Fft _half;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly double[] _cos;
    private readonly double[] _sin;

    public RealPowerSpectrum(int size)
    {
        _size = size;
        _half = new Fft(size / 2);
        _re = new double[size / 2];
        _im = new double[size / 2];
        _cos = Enumerable.Range(0, (size / 2) + 1).Select(k => Math.Cos(2 * Math.PI * k / size)).ToArray();
        _sin = Enumerable.Range(0, (size / 2) + 1).Select(k => Math.Sin(2 * Math.PI * k / size)).ToArray();
    }

    public void Compute(ReadOnlySpan<double> frame, Span<double> power)
    {
        int half = _size / 2;
        for (int m = 0; m < half; m++)
        {
            _re[m] = frame[2 * m];
            _im[m] = frame[(2 * m) + 1];
        }

        _half.Forward(_re, _im);
        for (int k = 0; k <= half; k++)
        {
            int a = k % half, b = (half - k) % half;
            double evenRe = 0.5 * (_re[a] + _re[b]), evenIm = 0.5 * (_im[a] - _im[b]);
            double oddRe = 0.5 * (_im[a] + _im[b]), oddIm = -0.5 * (_re[a] - _re[b]);
            // X[k] = E[k] + e^(−2πik/N)·O[k]
            double xr = evenRe + (_cos[k] * oddRe) + (_sin[k] * oddIm);
            double xi = evenIm + (_cos[k] * oddIm) - (_sin[k] * oddRe);
            power[k] = (xr * xr) + (xi * xi);
        }
    }
}
