using Asciml.Core.Audio;
using Asciml.Core.Features;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Timbre;

/// <summary>
/// The timbre model: <see cref="TimbreEncoder"/> gives a latent timbre code, <see cref="TimbreDecoder"/> plays
/// it through harmonic oscillators and filtered noise along the sound's own pitch and loudness curves
/// (<see cref="ControlCurves"/>). Trained with <see cref="SpectralLoss"/> + β·KL. Decoding is deterministic:
/// the noise source is seeded the same way on every decode.
/// </summary>
public sealed class TimbreVae : SoundVae
{
    private const long NoiseSeed = 20230531;

    /// <summary>Rows of <see cref="Controls"/>: pitch, loudness, voicing, inharmonicity.</summary>
    private const int ControlRows = 4;

    /// <summary>
    /// β is set for the paper's waveform MSE (~10⁻²); the spectral loss is ~10² times larger, so the KL term is
    /// scaled by the same factor to keep the balance the default β was chosen for.
    /// </summary>
    public const double KlScale = 100;
    private readonly TimbreEncoder encoder;
    private readonly TimbreDecoder decoder;

    public TimbreVae(TimbreArchitecture architecture) : base(nameof(TimbreVae))
    {
        Architecture = architecture.Checked();
        encoder = new TimbreEncoder(architecture);
        decoder = new TimbreDecoder(architecture);
        RegisterComponents();
    }

    public TimbreArchitecture Architecture { get; }

    public override IModelArchitecture Shape => Architecture;

    public override int CodeSize => TimbreCode.Size(Architecture.CodeLatentSize);

    public override bool HasPitchControl => true;

    /// <summary>(sounds, 4, frames): pitch in octaves re A4, loudness in dBFS, voicing, the partials' stretch B.</summary>
    public override Tensor? Controls(IReadOnlyList<MonoAudio> sounds, Device device)
    {
        int frames = TimbreArchitecture.FrameCount;
        var values = new float[sounds.Count * ControlRows * frames];
        ControlCurves[] curves = CurvesOf(sounds);
        for (int i = 0; i < sounds.Count; i++)
        {
            Write(curves[i], values.AsSpan(i * ControlRows * frames, ControlRows * frames));
        }

        return tensor(values, new long[] { sounds.Count, ControlRows, frames }, device: device);
    }

    public (Tensor Mean, Tensor LogVariance) Encode(Tensor waveforms) => encoder.forward(waveforms);

    public Tensor Decode(Tensor latent, Tensor controls, Generator? noise = null) => decoder.forward(latent, controls, noise);

    /// <summary>What the decoder asks the synthesizer to play for a latent (batch, latent) and controls (batch, 3 or 4, frames).</summary>
    public SynthControls DecoderParameters(Tensor latent, Tensor controls) => decoder.Parameters(latent, controls);

    public override VaeOutput Forward(Tensor waveforms, Tensor? controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        using var scope = NewDisposeScope();
        (Tensor mean, Tensor logVariance) = encoder.forward(waveforms);
        Tensor latent = mean;
        if (training)
        {
            latent = mean + randn_like(mean) * (logVariance * 0.5).exp();
        }

        Tensor audio = decoder.forward(latent, controls, null);
        return new VaeOutput(audio.MoveToOuterDisposeScope(), mean.MoveToOuterDisposeScope(), logVariance.MoveToOuterDisposeScope());
    }

    public override LossTerms Loss(VaeOutput output, Tensor target, LossSettings settings, int epoch)
    {
        double beta = settings.BetaAt(epoch);
        using var scope = NewDisposeScope();
        Tensor spectral = SpectralLoss.Compute(output.Reconstruction, target);
        Tensor kl = (-0.5 * (1 + output.LogVariance - output.Mean.pow(2) - output.LogVariance.exp()).sum(1)).mean();
        Tensor total = spectral + (beta * KlScale) * kl;
        Tensor none = zeros(1, device: target.device).squeeze();
        return new LossTerms(total.MoveToOuterDisposeScope(), spectral.MoveToOuterDisposeScope(), kl.MoveToOuterDisposeScope(), none.MoveToOuterDisposeScope());
    }

    public override float[] EncodeCode(MonoAudio sound) => EncodeCode(sound, ControlCurves.Extract(sound).WithInharmonicityOf(sound));

    /// <remarks>
    /// The pitch and loudness curves of all the sounds are measured in parallel first (<see cref="CurvesOf"/>; each
    /// sound's curves are its own, whatever runs beside it): an interpolation encodes two sounds,
    /// and YIN is ≈ 1.3 ms of each.
    /// </remarks>
    public override float[][] EncodeCodes(IReadOnlyList<MonoAudio> sounds)
    {
        ControlCurves[] curves = CurvesOf(sounds);
        return sounds.Select((sound, i) => EncodeCode(sound, curves[i])).ToArray();
    }

    /// <summary>Each sound's pitch, loudness and voicing curves and inharmonicity, measured in parallel (one sound per core).</summary>
    private static ControlCurves[] CurvesOf(IReadOnlyList<MonoAudio> sounds)
    {
        var curves = new ControlCurves[sounds.Count];
        Parallel.For(0, sounds.Count, i => curves[i] = ControlCurves.Extract(sounds[i]).WithInharmonicityOf(sounds[i]));
        return curves;
    }

    private float[] EncodeCode(MonoAudio sound, ControlCurves curves)
    {
        using var scope = NewDisposeScope();
        Tensor batch = tensor(sound.Samples, new long[] { 1, ModelInputFormat.LengthSamples });
        (Tensor mean, Tensor _) = encoder.forward(batch);
        float[] code = TimbreCode.Pack(ScaleMotion(mean.contiguous().data<float>().ToArray(), MotionScale), curves);
        return TimbreCode.WithBrightness(code, NaturalBrightness(code));
    }

    public override MonoAudio DecodeCode(float[] code)
    {
        using var scope = NewDisposeScope();
        SynthControls controls = Parameters(code);
        controls = TimbreBrightness.Tilt(controls, [TimbreCode.Brightness(code)]);
        using var noise = new Generator((ulong)NoiseSeed);
        Tensor audio = controls.Synthesize(noise);
        float[] samples = audio.contiguous().data<float>().ToArray();
        for (int i = 0; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                samples[i] = 0;
            }
        }

        return new MonoAudio(samples, ModelInputFormat.SampleRateHz);
    }

    public override Func<double, float[]> Transposer(float[] code)
    {
        ArgumentNullException.ThrowIfNull(code);
        float[] source = (float[])code.Clone();
        double? sourceNatural = null;
        return semitones =>
        {
            if (!double.IsFinite(semitones) || Math.Abs(semitones) > 24)
            {
                throw new Core.AscimlException($"transposition of {semitones} semitones is out of range: use −24..24");
            }

            // The decoder's own brightness moves with pitch (fewer harmonics fit below Nyquist, a model may darken
            // high notes): keep that change, and any correction a morph asked for on top of it. The source's own
            // brightness is one decoder-network pass (~6 ms at batch 1), measured once per code, not per key.
            float[] moved = TimbreCode.Transpose(source, Architecture.CodeLatentSize, semitones);
            sourceNatural ??= NaturalBrightness(source);
            double change = NaturalBrightness(moved) - sourceNatural.Value;
            return TimbreCode.WithBrightness(moved, TimbreCode.Brightness(source) + change);
        };
    }

    /// <summary>
    /// This model with <paramref name="channels"/> motion channels (<see cref="TimbreArchitecture.MotionChannels"/>),
    /// more than it has: every weight is kept, the decoder's first convolution gets zero weights for the new motion
    /// inputs, so the copy decodes a sound as this model does until training teaches it to use them; the encoder's
    /// motion head keeps its rows for the channels it had, and the new channels' rows start as a new layer's.
    /// </summary>
    public TimbreVae WithMotion(int channels)
    {
        int had = Architecture.MotionChannels;
        if (channels <= had)
        {
            throw new Core.AscimlException($"timbre model '{Architecture.Preset}' already has {had} motion channels; asked for {channels}");
        }

        var moving = new TimbreVae(Architecture with { MotionChannels = channels });
        Dictionary<string, Tensor> weights = state_dict();
        using (no_grad())
        {
            foreach ((string name, Tensor parameter) in moving.named_parameters())
            {
                if (!weights.TryGetValue(name, out Tensor? old))
                {
                    continue; // the encoder's motion head, when this model had none
                }

                if (old.shape.SequenceEqual(parameter.shape))
                {
                    parameter.copy_(old);
                }
                else if (name.StartsWith("encoder.", StringComparison.Ordinal))
                {
                    // The motion head's outputs (2 × channels, …): the means of each channel, then their log-variances.
                    parameter.narrow(0, 0, had).copy_(old.narrow(0, 0, had));
                    parameter.narrow(0, channels, had).copy_(old.narrow(0, had, had));
                }
                else
                {
                    // The decoder's input convolution (units, inputs, 1), the motion inputs last.
                    parameter.zero_();
                    parameter.narrow(1, 0, old.shape[1]).copy_(old);
                }
            }
        }

        return moving;
    }

    /// <summary>
    /// This model with a finer noise filter of <paramref name="bands"/> bands (<see cref="TimbreArchitecture.NoiseBands"/>),
    /// more than it has: every weight is kept, and the decoder's output rows of each new band are the linear
    /// interpolation of the two old bands around its frequency, so the copy's noise has the same spectral envelope
    /// until training teaches it the finer detail (tested against the coarse model's spectrum).
    /// </summary>
    public TimbreVae WithNoiseBands(int bands)
    {
        int had = Architecture.NoiseBands;
        if (bands <= had)
        {
            throw new Core.AscimlException($"timbre model '{Architecture.Preset}' already has {had} noise bands; asked for {bands}");
        }

        var finer = new TimbreVae((Architecture with { NoiseBands = bands }).Checked());
        Dictionary<string, Tensor> weights = state_dict();
        int first = 1 + Architecture.Harmonics;
        using (no_grad())
        {
            foreach ((string name, Tensor parameter) in finer.named_parameters())
            {
                Tensor old = weights[name];
                if (old.shape.SequenceEqual(parameter.shape))
                {
                    parameter.copy_(old);
                    continue;
                }

                // The decoder's output convolution (outputs, units, 1) or its bias (outputs): amplitude, harmonics, noise bands.
                parameter.narrow(0, 0, first).copy_(old.narrow(0, 0, first));
                for (int band = 0; band < bands; band++)
                {
                    double position = (double)band * (had - 1) / (bands - 1);
                    int below = (int)Math.Floor(position), above = Math.Min(had - 1, below + 1);
                    double toAbove = position - below;
                    Tensor row = (old[first + below] * (1 - toAbove)) + (old[first + above] * toAbove);
                    parameter[first + band].copy_(row);
                }
            }
        }

        return finer;
    }

    public override bool IsPitched(float[] code) => TimbreCode.Unpack(code, Architecture.CodeLatentSize).Curves.IsPitched;

    /// <summary>The brightness the decoder gives this code's latent and curves, before any tilt.</summary>
    private double NaturalBrightness(float[] code)
    {
        using var scope = NewDisposeScope();
        return TimbreBrightness.Measure(Parameters(code))[0];
    }

    private SynthControls Parameters(float[] code)
    {
        (float[] latent, ControlCurves curves) = TimbreCode.Unpack(code, Architecture.CodeLatentSize);
        latent = ScaleMotion(latent, 1 / MotionScale);
        int frames = TimbreArchitecture.FrameCount;
        var values = new float[ControlRows * frames];
        Write(curves, values);
        using (no_grad())
        {
            return DecoderParameters(tensor(latent, new long[] { 1, latent.Length }), tensor(values, new long[] { 1, ControlRows, frames }));
        }
    }

    /// <summary>
    /// In a code each motion value is multiplied by 1/√steps, so that a whole motion channel weighs about as much
    /// as one latent dimension on the latent map (as the curves do); decoding divides it out again.
    /// </summary>
    private static readonly double MotionScale = 1 / Math.Sqrt(TimbreArchitecture.MotionSteps);

    private float[] ScaleMotion(float[] latent, double factor)
    {
        float[] scaled = (float[])latent.Clone();
        for (int i = Architecture.LatentSize; i < scaled.Length; i++)
        {
            scaled[i] = (float)(scaled[i] * factor);
        }

        return scaled;
    }

    private static void Write(ControlCurves curves, Span<float> destination)
    {
        int frames = TimbreArchitecture.FrameCount;
        for (int k = 0; k < frames; k++)
        {
            destination[k] = (float)Math.Log2(curves.F0Hz[k] / TimbreCode.ReferenceHz);
            destination[frames + k] = curves.LoudnessDb[k];
            destination[(2 * frames) + k] = curves.Voicing[k];
            destination[(3 * frames) + k] = (float)curves.Inharmonicity;
        }
    }
}
