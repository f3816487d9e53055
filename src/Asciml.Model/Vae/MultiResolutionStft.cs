using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

/// <summary>The two terms of a multi-resolution STFT comparison, each averaged over the resolutions.</summary>
public sealed record StftDistance(Tensor SpectralConvergence, Tensor LogMagnitude) : IDisposable
{
    /// <summary>Spectral convergence + log-magnitude distance: the loss term and the evaluation metric.</summary>
    public Tensor Total() => SpectralConvergence + LogMagnitude;

    public void Dispose()
    {
        SpectralConvergence.Dispose();
        LogMagnitude.Dispose();
    }
}

/// <summary>
/// Multi-resolution STFT distance (Yamamoto et al., Parallel WaveGAN): at each FFT size (Hann window, hop a
/// quarter of the size), spectral convergence ‖|Y|−|X|‖_F / ‖|Y|‖_F plus the mean absolute difference of log
/// magnitudes. It hears what waveform MSE misses: a reconstruction shifted in phase but right in timbre scores
/// well here. Used both as a training loss term and as an evaluation metric, so the two agree.
/// </summary>
public static class MultiResolutionStft
{
    public static IReadOnlyList<int> DefaultFftSizes { get; } = [256, 512, 1024, 2048];

    private const double MagnitudeFloor = 1e-7;

    /// <summary>Compares batches (batch, samples); each result is a scalar averaged over batch and resolutions.</summary>
    public static StftDistance Compare(Tensor predicted, Tensor target, IReadOnlyList<int>? fftSizes = null)
    {
        IReadOnlyList<int> sizes = fftSizes ?? DefaultFftSizes;
        using var scope = NewDisposeScope();
        Tensor convergence = zeros(1, device: predicted.device).squeeze();
        Tensor logMagnitude = zeros(1, device: predicted.device).squeeze();
        foreach (int fftSize in sizes)
        {
            Tensor window = hann_window(fftSize, device: predicted.device);
            Tensor predictedMagnitude = Magnitude(predicted, fftSize, window);
            Tensor targetMagnitude = Magnitude(target, fftSize, window);
            Tensor difference = (targetMagnitude - predictedMagnitude).pow(2).sum(new long[] { 1, 2 }).sqrt();
            Tensor reference = targetMagnitude.pow(2).sum(new long[] { 1, 2 }).clamp_min(MagnitudeFloor).sqrt();
            convergence = convergence + (difference / reference).mean();
            logMagnitude = logMagnitude + (targetMagnitude.log() - predictedMagnitude.log()).abs().mean();
        }

        return new StftDistance(
            (convergence / sizes.Count).MoveToOuterDisposeScope(),
            (logMagnitude / sizes.Count).MoveToOuterDisposeScope());
    }

    private static Tensor Magnitude(Tensor signal, int fftSize, Tensor window) => Magnitude(signal, fftSize, window, MagnitudeFloor);

    /// <summary>
    /// Magnitudes of one resolution (Hann, hop a quarter, reflect-centred): √(|X|² + floor) rather than abs(), so
    /// the gradient stays finite where a bin is exactly zero. Shared with the timbre family's spectral loss.
    /// </summary>
    internal static Tensor Magnitude(Tensor signal, int fftSize, Tensor window, double powerFloor)
    {
        Tensor spectrum = stft(signal, fftSize, hop_length: fftSize / 4, win_length: fftSize, window: window,
            center: true, pad_mode: PaddingModes.Reflect, normalized: false, onesided: true, return_complex: true);
        return Power(spectrum).add(powerFloor).sqrt();
    }

    /// <summary>
    /// |X|² of a complex spectrum as re² + im² on the two strided halves, not pow(2).sum(-1): libtorch's reduction
    /// over a last dimension of two is slow; this is the same value in a sixth of the time (18 → 3 ms of CPU for
    /// 16 clips at 512 points).
    /// </summary>
    internal static Tensor Power(Tensor complexSpectrum)
    {
        Tensor parts = view_as_real(complexSpectrum);
        Tensor re = parts.select(-1, 0), im = parts.select(-1, 1);
        return (re * re) + (im * im);
    }
}
