using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Evaluation;

/// <summary>
/// How far a reconstruction is from its original, per sound. Waveform MSE and the multi-resolution STFT
/// distance (spectral convergence + log magnitude, FFT 256–2048: the training loss's own measure) compare
/// signals; the others compare descriptors from <see cref="FeatureExtractor"/>: the Pearson correlation of the
/// RMS envelopes (1 = same loudness shape), and the F0 and spectral-centroid differences (reconstruction minus
/// original; F0 also in cents; empty when either sound has no F0 / no centroid).
/// </summary>
public sealed record ReconstructionMetrics(
    string Name,
    double WaveformMse,
    double StftDistance,
    double RmsEnvelopeCorrelation,
    double? F0DifferenceHz,
    double? F0DifferenceCents,
    double? CentroidDifferenceHz)
{
    public static ReconstructionMetrics Compare(string name, MonoAudio original, MonoAudio reconstruction)
    {
        float[] a = original.Samples, b = reconstruction.Samples;
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"'{name}': original has {a.Length} samples, reconstruction {b.Length}");
        }

        double squared = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double difference = (double)b[i] - a[i];
            squared += difference * difference;
        }

        double stftDistance;
        using (var scope = NewDisposeScope())
        {
            using StftDistance distance = MultiResolutionStft.Compare(tensor(b).unsqueeze(0), tensor(a).unsqueeze(0));
            stftDistance = distance.Total().item<float>();
        }

        SoundFeatures originalFeatures = FeatureExtractor.Extract(a);
        SoundFeatures reconstructionFeatures = FeatureExtractor.Extract(b);
        double? f0Hz = Difference(reconstructionFeatures.F0Hz, originalFeatures.F0Hz);
        double? f0Cents = originalFeatures.F0Hz is > 0 && reconstructionFeatures.F0Hz is > 0
            ? 1200 * Math.Log2(reconstructionFeatures.F0Hz.Value / originalFeatures.F0Hz.Value)
            : null;
        return new ReconstructionMetrics(name, squared / a.Length, stftDistance,
            Correlation(originalFeatures.RmsEnvelope, reconstructionFeatures.RmsEnvelope), f0Hz, f0Cents,
            Difference(reconstructionFeatures.SpectralCentroidHz, originalFeatures.SpectralCentroidHz));
    }

    /// <summary>Pearson correlation; 1 when both are constant and equal, 0 when only one is constant.</summary>
    public static double Correlation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n = Math.Min(a.Count, b.Count);
        if (n == 0)
        {
            return 0;
        }

        double meanA = 0, meanB = 0;
        for (int i = 0; i < n; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= n;
        meanB /= n;
        double covariance = 0, varianceA = 0, varianceB = 0;
        for (int i = 0; i < n; i++)
        {
            covariance += (a[i] - meanA) * (b[i] - meanB);
            varianceA += (a[i] - meanA) * (a[i] - meanA);
            varianceB += (b[i] - meanB) * (b[i] - meanB);
        }

        if (varianceA <= 1e-20 || varianceB <= 1e-20)
        {
            return varianceA <= 1e-20 && varianceB <= 1e-20 && Math.Abs(meanA - meanB) <= 1e-9 ? 1 : 0;
        }

        return covariance / Math.Sqrt(varianceA * varianceB);
    }

    private static double? Difference(double? reconstruction, double? original) =>
        reconstruction is { } r && original is { } o ? r - o : null;
}
