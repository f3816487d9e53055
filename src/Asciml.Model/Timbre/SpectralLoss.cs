using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Timbre;

/// <summary>
/// Multi-resolution spectral loss (DDSP): at FFT sizes 2048 … 64 (Hann, hop a quarter), the mean absolute
/// difference of linear magnitudes plus that of log magnitudes, summed over sizes. The linear term hears loud
/// partials and refuses silence; the log term hears quiet detail and punishes a hiss floor where the original
/// is silent. Magnitudes are floored at 10⁻⁵ (about −100 dB of a full-scale bin at the smallest size).
/// </summary>
public static class SpectralLoss
{
    public static IReadOnlyList<int> FftSizes { get; } = [2048, 1024, 512, 256, 128, 64];

    private const double PowerFloor = 1e-10;

    /// <summary>A scalar over the batch; gradients flow into <paramref name="predicted"/>.</summary>
    public static Tensor Compute(Tensor predicted, Tensor target)
    {
        using var scope = NewDisposeScope();
        Tensor total = zeros(1, device: predicted.device).squeeze();
        foreach (int fftSize in FftSizes)
        {
            Tensor window = hann_window(fftSize, device: predicted.device);
            Tensor p = Magnitude(predicted, fftSize, window);
            Tensor t;
            using (no_grad())
            {
                t = Magnitude(target.detach(), fftSize, window);
            }

            total = total + (p - t).abs().mean() + (p.log() - t.log()).abs().mean();
        }

        return total.MoveToOuterDisposeScope();
    }

    private static Tensor Magnitude(Tensor signal, int fftSize, Tensor window) =>
        Vae.MultiResolutionStft.Magnitude(signal, fftSize, window, PowerFloor);
}
