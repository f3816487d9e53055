using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

/// <summary>What one pass through the VAE gives: the decoded waveform and the posterior's parameters.</summary>
public sealed record VaeOutput(Tensor Reconstruction, Tensor Mean, Tensor LogVariance) : IDisposable
{
    public void Dispose()
    {
        Reconstruction.Dispose();
        Mean.Dispose();
        LogVariance.Dispose();
    }
}

/// <summary>
/// The variational autoencoder on one-second 16 kHz waveforms. In training mode the latent is sampled with the
/// reparameterisation trick; in evaluation mode the decoder gets the mean, so reconstructions are deterministic.
/// </summary>
public sealed class WaveformVae : nn.Module<Tensor, VaeOutput>
{
    private readonly Encoder encoder;
    private readonly Decoder decoder;

    public WaveformVae(VaeArchitecture architecture) : base(nameof(WaveformVae))
    {
        Architecture = architecture;
        encoder = new Encoder(architecture);
        decoder = new Decoder(architecture);
        RegisterComponents();
    }

    public VaeArchitecture Architecture { get; }

    public long ParameterCount => parameters().Sum(parameter => parameter.numel());

    public (Tensor Mean, Tensor LogVariance) Encode(Tensor waveform) => encoder.forward(waveform);

    public Tensor Decode(Tensor latent) => decoder.forward(latent);

    public override VaeOutput forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        (Tensor mean, Tensor logVariance) = encoder.forward(waveform);
        Tensor latent = mean;
        if (training)
        {
            Tensor standardDeviation = (logVariance * 0.5).exp();
            latent = mean + randn_like(standardDeviation) * standardDeviation;
        }

        Tensor reconstruction = decoder.forward(latent);
        return new VaeOutput(reconstruction.MoveToOuterDisposeScope(), mean.MoveToOuterDisposeScope(), logVariance.MoveToOuterDisposeScope());
    }
}
