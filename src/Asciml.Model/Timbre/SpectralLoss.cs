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

    private static Tensor Magnitude(Tensor signal, int fftSize, Tensor window)
    {
        Tensor spectrum = stft(signal, fftSize, hop_length: fftSize / 4, win_length: fftSize, window: window,
            center: true, pad_mode: PaddingModes.Reflect, normalized: false, onesided: true, return_complex: true);
        // re² + im² on the two strided halves, not pow(2).sum(-1): libtorch's reduction over a last dimension of
        // two is slow; this is the same value in a sixth of the time (18 → 3 ms of CPU for 16 clips at 512 points).
        Tensor parts = view_as_real(spectrum);
        Tensor re = parts.select(-1, 0), im = parts.select(-1, 1);
        return (re * re + im * im).add(PowerFloor).sqrt();
    }
}
