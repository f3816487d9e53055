using Asciml.Core.Audio;
using Asciml.Model.Training;
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
public sealed class WaveformVae : SoundVae
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

    public override IModelArchitecture Shape => Architecture;

    /// <summary>The code is the latent mean.</summary>
    public override int CodeSize => Architecture.LatentSize;

    /// <summary>The waveform is all the network needs.</summary>
    public override Tensor? Controls(IReadOnlyList<MonoAudio> sounds, Device device) => null;

    public override VaeOutput Forward(Tensor waveforms, Tensor? controls) => forward(waveforms);

    /// <summary>Waveform MSE, then the spectral loss, on the schedule of <see cref="LossSettings"/>.</summary>
    public override LossTerms Loss(VaeOutput output, Tensor target, LossSettings settings, int epoch) =>
        VaeLoss.Compute(output, target, settings, epoch);

    public override float[] EncodeCode(MonoAudio sound)
    {
        using var scope = NewDisposeScope();
        Tensor batch = tensor(sound.Samples, new long[] { 1, ModelInputFormat.LengthSamples });
        (Tensor mean, Tensor _) = Encode(batch);
        return mean.contiguous().data<float>().ToArray();
    }

    public override MonoAudio DecodeCode(float[] code)
    {
        using var scope = NewDisposeScope();
        Tensor z = tensor(code, new long[] { 1, Architecture.LatentSize });
        return new MonoAudio(Decode(z).contiguous().data<float>().ToArray(), ModelInputFormat.SampleRateHz);
    }

    public (Tensor Mean, Tensor LogVariance) Encode(Tensor waveform) => encoder.forward(waveform);

    public Tensor Decode(Tensor latent) => decoder.forward(latent);

    public VaeOutput forward(Tensor waveform)
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
