using Asciml.Model.Timbre;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>The loss terms of one batch as tensors (the total keeps its autograd graph).</summary>
public sealed record LossTerms(Tensor Total, Tensor Reconstruction, Tensor Kl, Tensor Stft, Tensor? Spectral = null) : IDisposable
{
    public LossValues Values() => new(Total.item<float>(), Reconstruction.item<float>(), Kl.item<float>(), Stft.item<float>(),
        Spectral?.item<float>() ?? 0);

    public void Dispose()
    {
        Total.Dispose();
        Reconstruction.Dispose();
        Kl.Dispose();
        Stft.Dispose();
        Spectral?.Dispose();
    }
}

/// <summary>Scores a pass of the paper's raw-waveform VAE against its target waveforms.</summary>
public static class VaeLoss
{
    /// <summary>
    /// w_mse·MSE + w_spec·SpectralLoss + w_stft·STFT distance + β·(w_mse + <see cref="TimbreVae.KlScale"/>·w_spec)·KL
    /// with the weights of <paramref name="epoch"/> (<see cref="LossSettings.WeightsAt"/>). The KL weight follows
    /// the reconstruction term's scale: β was chosen against a per-sample MSE (~0.02 on these sounds), and the
    /// spectral loss is a few hundred times larger, the balance the timbre family's <see cref="TimbreVae.KlScale"/>
    /// sets for the same loss. Terms with weight 0 are not computed (the spectral loss costs time).
    /// </summary>
    public static LossTerms Compute(VaeOutput output, Tensor target, LossSettings settings, int epoch)
    {
        LossWeights weights = settings.WeightsAt(epoch);
        using var scope = NewDisposeScope();
        Tensor reconstruction = nn.functional.mse_loss(output.Reconstruction, target);
        // KL(q(z|x) ‖ N(0, I)) summed over latent dimensions, averaged over the batch.
        Tensor kl = (-0.5 * (1 + output.LogVariance - output.Mean.pow(2) - output.LogVariance.exp()).sum(1)).mean();
        double klWeight = weights.Beta * (weights.Mse + TimbreVae.KlScale * weights.Spectral);
        Tensor total = weights.Mse * reconstruction + klWeight * kl;
        Tensor stftTerm;
        if (weights.Stft > 0)
        {
            using StftDistance distance = MultiResolutionStft.Compare(output.Reconstruction, target);
            stftTerm = distance.Total();
            total = total + weights.Stft * stftTerm;
        }
        else
        {
            stftTerm = zeros(1, device: target.device).squeeze();
        }

        Tensor? spectral = null;
        if (weights.Spectral > 0)
        {
            spectral = SpectralLoss.Compute(output.Reconstruction, target);
            total = total + weights.Spectral * spectral;
        }

        return new LossTerms(total.MoveToOuterDisposeScope(), reconstruction.MoveToOuterDisposeScope(),
            kl.MoveToOuterDisposeScope(), stftTerm.MoveToOuterDisposeScope(), spectral?.MoveToOuterDisposeScope());
    }
}
