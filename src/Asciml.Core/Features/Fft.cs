using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private readonly int[] _swapFrom;
    private readonly int[] _swapTo;
    // Twiddles of every stage laid out contiguously (stage with half-length h at offset h − 1: cos and −sin of
    // π·k/h, k < h), so the butterflies of a stage read them with unit stride, four at a time in SIMD registers.
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[] _sinInverse;

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

        _swapFrom = Enumerable.Range(0, size).Where(i => _bitReversed[i] > i).ToArray();
        _swapTo = _swapFrom.Select(i => _bitReversed[i]).ToArray();

        _cos = new double[size];
        _sin = new double[size];
        _sinInverse = new double[size];
        for (int half = 1; half < size; half <<= 1)
        {
            for (int k = 0; k < half; k++)
            {
                // The same angle as the table of the full size at index k·(size / 2h), so results do not change.
                double angle = 2 * Math.PI * (k * (size / (2 * half))) / size;
                _cos[half - 1 + k] = Math.Cos(angle);
                _sin[half - 1 + k] = -Math.Sin(angle);
                _sinInverse[half - 1 + k] = Math.Sin(angle);
            }
        }
    }

    public int Size => _size;

    /// <summary>Forward transform of (re, im) in place.</summary>
    public void Forward(double[] re, double[] im) => Transform(re, im, _sin);

    /// <summary>Inverse transform without the 1/N factor.</summary>
    public void Inverse(double[] re, double[] im) => Transform(re, im, _sinInverse);

    private void Transform(double[] re, double[] im, double[] sin)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(re.Length, _size);
        ArgumentOutOfRangeException.ThrowIfLessThan(im.Length, _size);
        // The pairs to swap, precomputed: testing j > i per index mispredicted about every other branch.
        for (int p = 0; p < _swapFrom.Length; p++)
        {
            int i = _swapFrom[p], j = _swapTo[p];
            (re[i], re[j]) = (re[j], re[i]);
            (im[i], im[j]) = (im[j], im[i]);
        }

        TransformBitReversed(re, im, sin);
    }

    /// <summary>Index n's position in bit-reversed order: a caller loading x[n] into [BitReversed[n]] skips the permutation.</summary>
    public ReadOnlySpan<int> BitReversed => _bitReversed;

    /// <summary>Forward transform of input already stored in bit-reversed order (see <see cref="BitReversed"/>).</summary>
    public void ForwardFromBitReversed(double[] re, double[] im)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(re.Length, _size);
        ArgumentOutOfRangeException.ThrowIfLessThan(im.Length, _size);
        TransformBitReversed(re, im, _sin);
    }

    private void TransformBitReversed(double[] re, double[] im, double[] sin)
    {
        int firstHalf = 2;
        if (_size >= 4)
        {
            FirstTwoStages(re, im, ReferenceEquals(sin, _sinInverse));
            firstHalf = 4;
        }
        else
        {
            // First stage: twiddle 1, no multiplies.
            for (int a = 0; a < _size; a += 2)
            {
                double tr = re[a + 1], ti = im[a + 1];
                re[a + 1] = re[a] - tr;
                im[a + 1] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }

        for (int half = firstHalf; half < _size; half <<= 1)
        {
            if (half >= Vector256<double>.Count && half * 2 < _size && Vector256.IsHardwareAccelerated)
            {
                TwoStagesVectorized(re, im, sin, half);
                half <<= 1;
            }
            else if (half >= Vector256<double>.Count && Vector256.IsHardwareAccelerated)
            {
                StageVectorized(re, im, sin, half);
            }
            else
            {
                StageScalar(re, im, sin, half);
            }
        }
    }

    /// <summary>
    /// The stages of half-length 1 and 2 as one radix-4 pass with no multiplies: their twiddles are 1 and ∓i. (The
    /// table's cos(π/2) is 6e-17, not 0, so results differ from two radix-2 stages in the last bits; a 512-point
    /// spectrum took 25 % less time, measured in docs/BENCHMARKS.md.)
    /// </summary>
    private void FirstTwoStages(double[] re, double[] im, bool inverse)
    {
        double sign = inverse ? -1 : 1;
        for (int a = 0; a + 3 < _size; a += 4)
        {
            double r0 = re[a], r1 = re[a + 1], r2 = re[a + 2], r3 = re[a + 3];
            double i0 = im[a], i1 = im[a + 1], i2 = im[a + 2], i3 = im[a + 3];
            double s0r = r0 + r1, s1r = r0 - r1, s2r = r2 + r3, s3r = r2 - r3;
            double s0i = i0 + i1, s1i = i0 - i1, s2i = i2 + i3, s3i = i2 - i3;
            // (1, 3) with twiddle −i (forward) or +i (inverse): t = (±s3i, ∓s3r).
            double tr = sign * s3i, ti = -sign * s3r;
            re[a] = s0r + s2r;
            im[a] = s0i + s2i;
            re[a + 2] = s0r - s2r;
            im[a + 2] = s0i - s2i;
            re[a + 1] = s1r + tr;
            im[a + 1] = s1i + ti;
            re[a + 3] = s1r - tr;
            im[a + 3] = s1i - ti;
        }
    }

    private void StageScalar(double[] re, double[] im, double[] sin, int half)
    {
        for (int start = 0; start < _size; start += half * 2)
        {
            for (int k = 0; k < half; k++)
            {
                double wr = _cos[half - 1 + k], wi = sin[half - 1 + k];
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

    /// <summary>
    /// Stages <paramref name="half"/> and 2·<paramref name="half"/> together: the four quarter-blocks of each 4·half
    /// block stay in registers between the two stages (the same butterflies, so bitwise equal to running the stages
    /// one by one, with half the loads and stores).
    /// </summary>
    private void TwoStagesVectorized(double[] re, double[] im, double[] sin, int half)
    {
        ref double reBase = ref MemoryMarshal.GetArrayDataReference(re);
        ref double imBase = ref MemoryMarshal.GetArrayDataReference(im);
        ref double cos1 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cos), half - 1);
        ref double sin1 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(sin), half - 1);
        ref double cos2 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cos), (2 * half) - 1);
        ref double sin2 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(sin), (2 * half) - 1);
        int width = Vector256<double>.Count;
        for (int start = 0; start < _size; start += half * 4)
        {
            for (int k = 0; k < half; k += width)
            {
                nuint i0 = (nuint)(start + k), i1 = i0 + (nuint)half, i2 = i1 + (nuint)half, i3 = i2 + (nuint)half;
                Vector256<double> r0 = Vector256.LoadUnsafe(ref reBase, i0), m0 = Vector256.LoadUnsafe(ref imBase, i0);
                Vector256<double> r1 = Vector256.LoadUnsafe(ref reBase, i1), m1 = Vector256.LoadUnsafe(ref imBase, i1);
                Vector256<double> r2 = Vector256.LoadUnsafe(ref reBase, i2), m2 = Vector256.LoadUnsafe(ref imBase, i2);
                Vector256<double> r3 = Vector256.LoadUnsafe(ref reBase, i3), m3 = Vector256.LoadUnsafe(ref imBase, i3);

                // Stage half: (0, 1) and (2, 3), twiddle k of that stage.
                Vector256<double> wr = Vector256.LoadUnsafe(ref cos1, (nuint)k), wi = Vector256.LoadUnsafe(ref sin1, (nuint)k);
                Vector256<double> tr = (r1 * wr) - (m1 * wi), ti = (r1 * wi) + (m1 * wr);
                (r1, m1, r0, m0) = (r0 - tr, m0 - ti, r0 + tr, m0 + ti);
                tr = (r3 * wr) - (m3 * wi);
                ti = (r3 * wi) + (m3 * wr);
                (r3, m3, r2, m2) = (r2 - tr, m2 - ti, r2 + tr, m2 + ti);

                // Stage 2·half: (0, 2) with twiddle k, (1, 3) with twiddle k + half.
                wr = Vector256.LoadUnsafe(ref cos2, (nuint)k);
                wi = Vector256.LoadUnsafe(ref sin2, (nuint)k);
                tr = (r2 * wr) - (m2 * wi);
                ti = (r2 * wi) + (m2 * wr);
                (r0 - tr).StoreUnsafe(ref reBase, i2);
                (m0 - ti).StoreUnsafe(ref imBase, i2);
                (r0 + tr).StoreUnsafe(ref reBase, i0);
                (m0 + ti).StoreUnsafe(ref imBase, i0);
                wr = Vector256.LoadUnsafe(ref cos2, (nuint)(k + half));
                wi = Vector256.LoadUnsafe(ref sin2, (nuint)(k + half));
                tr = (r3 * wr) - (m3 * wi);
                ti = (r3 * wi) + (m3 * wr);
                (r1 - tr).StoreUnsafe(ref reBase, i3);
                (m1 - ti).StoreUnsafe(ref imBase, i3);
                (r1 + tr).StoreUnsafe(ref reBase, i1);
                (m1 + ti).StoreUnsafe(ref imBase, i1);
            }
        }
    }

    /// <summary>
    /// One stage, four butterflies per step (the same operations in the same order per element as the scalar
    /// stage, so results are bitwise equal to it). 1024 points: 2.4× faster than scalar, measured (docs/BENCHMARKS.md).
    /// </summary>
    private void StageVectorized(double[] re, double[] im, double[] sin, int half)
    {
        ref double reBase = ref MemoryMarshal.GetArrayDataReference(re);
        ref double imBase = ref MemoryMarshal.GetArrayDataReference(im);
        ref double cosBase = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cos), half - 1);
        ref double sinBase = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(sin), half - 1);
        int width = Vector256<double>.Count;
        for (int start = 0; start < _size; start += half * 2)
        {
            for (int k = 0; k < half; k += width)
            {
                Vector256<double> wr = Vector256.LoadUnsafe(ref cosBase, (nuint)k);
                Vector256<double> wi = Vector256.LoadUnsafe(ref sinBase, (nuint)k);
                nuint a = (nuint)(start + k), b = a + (nuint)half;
                Vector256<double> br = Vector256.LoadUnsafe(ref reBase, b), bi = Vector256.LoadUnsafe(ref imBase, b);
                Vector256<double> ar = Vector256.LoadUnsafe(ref reBase, a), ai = Vector256.LoadUnsafe(ref imBase, a);
                Vector256<double> tr = (br * wr) - (bi * wi);
                Vector256<double> ti = (br * wi) + (bi * wr);
                (ar - tr).StoreUnsafe(ref reBase, b);
                (ai - ti).StoreUnsafe(ref imBase, b);
                (ar + tr).StoreUnsafe(ref reBase, a);
                (ai + ti).StoreUnsafe(ref imBase, a);
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
        ReadOnlySpan<int> order = _half.BitReversed;
        for (int m = 0; m < half; m++)
        {
            int target = order[m];
            _re[target] = frame[2 * m];
            _im[target] = frame[(2 * m) + 1];
        }

        _half.ForwardFromBitReversed(_re, _im);
        // k = 0 and k = half: a = 0, b = 0.
        power[0] = Power(0, 0, 0);
        power[half] = Power(half, 0, 0);
        int k = 1;
        if (Vector256.IsHardwareAccelerated && half >= 8)
        {
            // Four bins per step: bins k..k+3 pair with half−k..half−k−3, loaded as a vector and reversed.
            ref double re = ref MemoryMarshal.GetArrayDataReference(_re);
            ref double im = ref MemoryMarshal.GetArrayDataReference(_im);
            var halfVector = Vector256.Create(0.5);
            for (; k + 3 < half - 3; k += 4)
            {
                nuint b = (nuint)(half - k - 3);
                Vector256<double> ar = Vector256.LoadUnsafe(ref re, (nuint)k), ai = Vector256.LoadUnsafe(ref im, (nuint)k);
                Vector256<double> br = Reverse(Vector256.LoadUnsafe(ref re, b)), bi = Reverse(Vector256.LoadUnsafe(ref im, b));
                Vector256<double> evenRe = halfVector * (ar + br), evenIm = halfVector * (ai - bi);
                Vector256<double> oddRe = halfVector * (ai + bi), oddIm = -halfVector * (ar - br);
                Vector256<double> cos = Vector256.Create(_cos.AsSpan(k, 4)), sin = Vector256.Create(_sin.AsSpan(k, 4));
                Vector256<double> xr = evenRe + (cos * oddRe) + (sin * oddIm);
                Vector256<double> xi = evenIm + (cos * oddIm) - (sin * oddRe);
                ((xr * xr) + (xi * xi)).CopyTo(power.Slice(k, 4));
            }
        }

        for (; k < half; k++)
        {
            power[k] = Power(k, k, half - k);
        }
    }

    private static Vector256<double> Reverse(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(3L, 2, 1, 0));

    /// <summary>|X[k]|² from the half-size spectrum at a = k mod half and b = (half − k) mod half.</summary>
    private double Power(int k, int a, int b)
    {
        double evenRe = 0.5 * (_re[a] + _re[b]), evenIm = 0.5 * (_im[a] - _im[b]);
        double oddRe = 0.5 * (_im[a] + _im[b]), oddIm = -0.5 * (_re[a] - _re[b]);
        // X[k] = E[k] + e^(−2πik/N)·O[k]
        double xr = evenRe + (_cos[k] * oddRe) + (_sin[k] * oddIm);
        double xi = evenIm + (_cos[k] * oddIm) - (_sin[k] * oddRe);
        return (xr * xr) + (xi * xi);
    }
}
