using System.Numerics.Tensors;

namespace Asciml.Core.Features;

public static class MelWeights
{
    /// <summary>
    /// Triangular mel bands (HTK mel scale 2595·log10(1 + f/700)) from 0 Hz to Nyquist: one row of
    /// fftSize/2 + 1 bin weights per band. Shared by the MFCC features and the timbre model's encoder.
    /// </summary>
    public static double[][] Triangular(int fftSize, int sampleRateHz, int bandCount)
    {
        int bins = (fftSize / 2) + 1;
        static double ToMel(double hz) => 2595 * Math.Log10(1 + (hz / 700));
        static double ToHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);
        double maxMel = ToMel(sampleRateHz / 2.0);
        double[] edgesHz = Enumerable.Range(0, bandCount + 2).Select(i => ToHz(maxMel * i / (bandCount + 1))).ToArray();
        var weights = new double[bandCount][];
        for (int band = 0; band < bandCount; band++)
        {
            weights[band] = new double[bins];
            for (int k = 0; k < bins; k++)
            {
                double f = (double)k * sampleRateHz / fftSize;
                double rising = (f - edgesHz[band]) / (edgesHz[band + 1] - edgesHz[band]);
                double falling = (edgesHz[band + 2] - f) / (edgesHz[band + 2] - edgesHz[band + 1]);
                weights[band][k] = Math.Max(0, Math.Min(rising, falling));
            }
        }

        return weights;
    }
}

/// <summary>
/// MFCCs: 40 triangular mel bands (HTK mel scale 2595·log10(1 + f/700)) from 0 Hz to Nyquist
/// over the power spectrum, natural log of band energies (floor 1e-10), orthonormal DCT-II, first 13 coefficients.
/// </summary>
internal sealed class MelFilterBank
{
    private readonly double[][] _weights;
    private readonly int[] _firstBin;
    private readonly int[] _endBin;
    private readonly double[] _dct; // row c: coefficient c over the bands

    public MelFilterBank(int fftSize, int sampleRateHz, int bandCount)
    {
        _weights = MelWeights.Triangular(fftSize, sampleRateHz, bandCount);

        // Each triangle covers a few bins only: remember where, so a frame costs ~2 multiplies per bin, not 40.
        _firstBin = _weights.Select(w => Math.Max(0, Array.FindIndex(w, v => v > 0))).ToArray();
        _endBin = _weights.Select(w => Array.FindLastIndex(w, v => v > 0) + 1).ToArray();
        _dct = new double[FeatureExtractor.MfccCount * bandCount];
        for (int c = 0; c < FeatureExtractor.MfccCount; c++)
        {
            double scale = Math.Sqrt((c == 0 ? 1.0 : 2.0) / bandCount);
            for (int band = 0; band < bandCount; band++)
            {
                _dct[(c * bandCount) + band] = scale * Math.Cos(Math.PI * c * (band + 0.5) / bandCount);
            }
        }
    }

    public void Mfcc(double[] power, double[] coefficients)
    {
        Span<double> logEnergies = stackalloc double[_weights.Length];
        for (int band = 0; band < _weights.Length; band++)
        {
            int first = _firstBin[band], count = _endBin[band] - first;
            double energy = count > 0 ? TensorPrimitives.Dot(_weights[band].AsSpan(first, count), power.AsSpan(first, count)) : 0;
            logEnergies[band] = Math.Max(energy, 1e-10);
        }

        // Vectorised logarithm and one dot product per coefficient: 0.25 → 0.1 ms per clip of 59 frames, measured.
        TensorPrimitives.Log(logEnergies, logEnergies);
        for (int c = 0; c < coefficients.Length; c++)
        {
            coefficients[c] = TensorPrimitives.Dot(_dct.AsSpan(c * logEnergies.Length, logEnergies.Length), logEnergies);
        }
    }
}
