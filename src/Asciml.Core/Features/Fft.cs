using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Asciml.Core.Features;

/// <summary>Thin wrapper over MathNet's FFT for real frames (no scaling: X[k] = Σ x[n]·e^(−2πikn/N)).</summary>
internal static class Fft
{
    public static void Forward(Complex[] buffer) => Fourier.Forward(buffer, FourierOptions.NoScaling);

    public static void Inverse(Complex[] buffer) => Fourier.Inverse(buffer, FourierOptions.NoScaling);
}
