using Asciml.Core.Audio;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asciml.Model.Timbre;

/// <summary>
/// Latent (batch, latent [+ motion]) + controls (batch, 3 or 4, frames: pitch in octaves re A4, loudness dBFS, voicing,
/// and the sound's inharmonicity B on every frame) →
/// waveform (batch, 16000). A 1×1 convolution mixes controls and code per frame, residual dilated convolutions
/// (dilation 1, 2, 4, … frames) give each frame its context, and a last 1×1 convolution yields per frame the
/// overall harmonic amplitude, the distribution over harmonics and the noise filter — all through DDSP's
/// scaled sigmoid 2·σ(x)^ln10, positive and bounded. Harmonics above Nyquist are silenced before normalising.
/// </summary>
public sealed class TimbreDecoder : nn.Module<Tensor, Tensor, Generator?, Tensor>
{
    private const double NoiseBias = -5;
    private readonly TimbreArchitecture architecture;
    private readonly Conv1d input;
    private readonly ModuleList<Conv1d> layers = new();
    private readonly Conv1d output;

    public TimbreDecoder(TimbreArchitecture architecture) : base(nameof(TimbreDecoder))
    {
        this.architecture = architecture;
        int units = architecture.HiddenUnits;
        input = nn.Conv1d(3 + architecture.LatentSize + architecture.MotionChannels, units, 1);
        for (int layer = 0; layer < architecture.DecoderLayers; layer++)
        {
            int dilation = 1 << layer;
            layers.Add(nn.Conv1d(units, units, 3, dilation: dilation, padding: dilation));
        }

        output = nn.Conv1d(units, 1 + architecture.Harmonics + architecture.NoiseBands, 1);
        RegisterComponents();
    }

    /// <param name="latent">(batch, latent).</param>
    /// <param name="controls">(batch, 3 or 4, frames).</param>
    /// <param name="noise">A seeded generator for deterministic noise, or null (training).</param>
    public override Tensor forward(Tensor latent, Tensor controls, Generator? noise)
    {
        using var scope = NewDisposeScope();
        return Parameters(latent, controls).Synthesize(noise).MoveToOuterDisposeScope();
    }

    /// <summary>What the network asks the synthesizer to play, before any sound is made.</summary>
    /// <param name="latent">(batch, latent + motion channels × steps).</param>
    /// <param name="controls">(batch, 3 or 4, frames); the fourth row, the partials' stretch, goes to the synthesizer only.</param>
    public SynthControls Parameters(Tensor latent, Tensor controls)
    {
        using var scope = NewDisposeScope();
        long batch = controls.shape[0], frames = controls.shape[2];
        int latentSize = architecture.LatentSize, motionChannels = architecture.MotionChannels;
        Tensor pitch = controls.select(1, 0);
        Tensor loudness = controls.select(1, 1);
        Tensor voicing = controls.select(1, 2);
        Tensor? inharmonicity = controls.shape[1] > 3 ? controls.select(1, 3).mean(new long[] { 1 }) : null;
        Tensor features = stack(new[] { pitch, (loudness + 50) / 50, voicing }, 1);
        var inputs = new List<Tensor> { features, latent.narrow(1, 0, latentSize).unsqueeze(-1).expand(batch, latentSize, frames) };
        if (motionChannels > 0)
        {
            // The motion's 32 steps, linear between their centres at the frame rate.
            Tensor motion = latent.narrow(1, latentSize, motionChannels * TimbreArchitecture.MotionSteps)
                .reshape(batch, motionChannels, TimbreArchitecture.MotionSteps);
            inputs.Add(nn.functional.interpolate(motion, size: new[] { frames }, mode: InterpolationMode.Linear, align_corners: false));
        }

        Tensor x = input.forward(cat(inputs, 1));
        foreach (Conv1d layer in layers)
        {
            x = x + layer.forward(nn.functional.leaky_relu(x, 0.2));
        }

        Tensor parameters = output.forward(nn.functional.leaky_relu(x, 0.2));
        int harmonics = architecture.Harmonics;
        Tensor amplitude = ScaledSigmoid(parameters.narrow(1, 0, 1));
        Tensor f0Hz = (pitch * Math.Log(2)).exp() * TimbreCode.ReferenceHz;
        Tensor distribution = ScaledSigmoid(parameters.narrow(1, 1, harmonics))
            * HarmonicNoiseSynth.BelowNyquist(f0Hz, harmonics, ModelInputFormat.SampleRateHz, inharmonicity);
        distribution = distribution / distribution.sum(1, keepdim: true).add(1e-7);
        Tensor noiseMagnitudes = ScaledSigmoid(parameters.narrow(1, 1 + harmonics, architecture.NoiseBands) + NoiseBias);
        return new SynthControls(f0Hz, amplitude, distribution, noiseMagnitudes, inharmonicity).MoveToOuterDisposeScope();
    }

    /// <summary>DDSP's exp-sigmoid: 2·σ(x)^ln10 + 10⁻⁷ (0..2, gentle near zero).</summary>
    private static Tensor ScaledSigmoid(Tensor x) => x.sigmoid().pow(Math.Log(10)).mul(2).add(1e-7);
}

/// <summary>
/// Per-frame synthesizer controls: F0 (batch, frames) in Hz, overall harmonic amplitude (batch, 1, frames), the
/// distribution over harmonics (batch, harmonics, frames; sums to one, zero at and above Nyquist) and the noise
/// filter's band magnitudes (batch, bands, frames) and the stretch B of each sound's partials (batch; null: harmonic).
/// </summary>
public sealed record SynthControls(Tensor F0Hz, Tensor Amplitude, Tensor Distribution, Tensor NoiseMagnitudes, Tensor? Inharmonicity = null)
{
    /// <summary>One second of audio (batch, samples): the harmonic bank plus the filtered noise.</summary>
    public Tensor Synthesize(Generator? noise)
    {
        using var scope = NewDisposeScope();
        Tensor audio = HarmonicNoiseSynth.Harmonics(F0Hz, Amplitude * Distribution, ModelInputFormat.LengthSamples, ModelInputFormat.SampleRateHz, Inharmonicity)
            + HarmonicNoiseSynth.FilteredNoise(NoiseMagnitudes, ModelInputFormat.LengthSamples, noise);
        return audio.MoveToOuterDisposeScope();
    }

    /// <summary>The same controls with another harmonic distribution.</summary>
    public SynthControls WithDistribution(Tensor distribution) => this with { Distribution = distribution };

    public SynthControls MoveToOuterDisposeScope()
    {
        F0Hz.MoveToOuterDisposeScope();
        Amplitude.MoveToOuterDisposeScope();
        Distribution.MoveToOuterDisposeScope();
        NoiseMagnitudes.MoveToOuterDisposeScope();
        Inharmonicity?.MoveToOuterDisposeScope();
        return this;
    }
}
