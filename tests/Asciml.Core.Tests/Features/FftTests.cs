using Asciml.Core.Features;

namespace Asciml.Core.Tests.Features;

/// <summary>The FFT and the real power spectrum against a direct DFT (every fast path: radix-4 first pass, fused and vector stages).</summary>
public sealed class FftTests
{
    private static (double[] Re, double[] Im) Dft(double[] re, double[] im, int sign)
    {
        int n = re.Length;
        var outRe = new double[n];
        var outIm = new double[n];
        for (int k = 0; k < n; k++)
        {
            for (int t = 0; t < n; t++)
            {
                double angle = sign * 2 * Math.PI * ((long)k * t % n) / n;
                outRe[k] += (re[t] * Math.Cos(angle)) - (im[t] * Math.Sin(angle));
                outIm[k] += (re[t] * Math.Sin(angle)) + (im[t] * Math.Cos(angle));
            }
        }

        return (outRe, outIm);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(1024)]
    public void ForwardAndInverseMatchTheDft(int size)
    {
        var random = new Random(size);
        double[] re = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        double[] im = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        var fft = new Fft(size);
        foreach (int sign in new[] { -1, 1 })
        {
            (double[] expectedRe, double[] expectedIm) = Dft(re, im, sign);
            double[] actualRe = (double[])re.Clone(), actualIm = (double[])im.Clone();
            if (sign < 0)
            {
                fft.Forward(actualRe, actualIm);
            }
            else
            {
                fft.Inverse(actualRe, actualIm);
            }

            for (int k = 0; k < size; k++)
            {
                Assert.Equal(expectedRe[k], actualRe[k], 1e-9);
                Assert.Equal(expectedIm[k], actualIm[k], 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(1024)]
    public void RealPowerSpectrumMatchesTheDft(int size)
    {
        var random = new Random(size + 1);
        double[] frame = Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray();
        (double[] re, double[] im) = Dft(frame, new double[size], -1);
        var power = new double[(size / 2) + 1];
        new RealPowerSpectrum(size).Compute(frame, power);
        for (int k = 0; k <= size / 2; k++)
        {
            double expected = (re[k] * re[k]) + (im[k] * im[k]);
            Assert.InRange(power[k], expected - 1e-9 - (1e-12 * expected), expected + 1e-9 + (1e-12 * expected));
        }
    }
}
