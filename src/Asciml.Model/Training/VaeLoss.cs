using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>The loss terms of one batch as tensors (the total keeps its autograd graph).</summary>
public sealed record LossTerms(Tensor Total, Tensor Reconstruction, Tensor Kl, Tensor Stft) : IDisposable
{
    public LossValues Values() => new(Total.item<float>(), Reconstruction.item<float>(), Kl.item<float>(), Stft.item<float>());

    public void Dispose()
    {
        Total.Dispose();
        Reconstruction.Dispose();
        Kl.Dispose();
        Stft.Dispose();
    }
}

/// <summary>Scores a VAE pass against its target waveforms.</summary>
public static class VaeLoss
{
    public static LossTerms Compute(VaeOutput output, Tensor target, LossSettings settings, double beta)
    {
        using var scope = NewDisposeScope();
        Tensor reconstruction = nn.functional.mse_loss(output.Reconstruction, target);
        // KL(q(z|x) ‖ N(0, I)) summed over latent dimensions, averaged over the batch.
        Tensor kl = (-0.5 * (1 + output.LogVariance - output.Mean.pow(2) - output.LogVariance.exp()).sum(1)).mean();
        Tensor total = reconstruction + beta * kl;
        Tensor stftTerm;
        if (settings.StftWeight > 0)
        {
            using StftDistance distance = MultiResolutionStft.Compare(output.Reconstruction, target);
            stftTerm = distance.Total();
            total = total + settings.StftWeight * stftTerm;
        }
        else
        {
            stftTerm = zeros(1, device: target.device).squeeze();
        }

        return new LossTerms(total.MoveToOuterDisposeScope(), reconstruction.MoveToOuterDisposeScope(),
            kl.MoveToOuterDisposeScope(), stftTerm.MoveToOuterDisposeScope());
    }
}
