using Asciml.Core.Audio;
using Asciml.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

/// <summary>The shape of a network of one model family, enough to build it and to name it.</summary>
public interface IModelArchitecture
{
    /// <summary>`waveform` (the paper's raw-waveform VAE) or `timbre` (harmonic-plus-noise decoder driven by pitch and loudness).</summary>
    string Family { get; }

    /// <summary>The user-facing preset name (`timbre`, `paper`, `lite`, or a custom name in tests).</summary>
    string Preset { get; }

    /// <summary>Dimensions of the encoder's latent code.</summary>
    int LatentSize { get; }

    /// <summary>True when every size is in range and the network can be built without surprises.</summary>
    bool IsConsistent();

    /// <summary>A freshly initialised network of this shape.</summary>
    SoundVae Build();
}

/// <summary>
/// What every model family offers the trainer and the creation stage. A sound's <em>code</em> is the vector
/// creation works with: encode gives it, decode turns it back into a model input, and any mix of codes is a
/// valid code (interpolation, the latent map and paths are linear in it). For the paper's networks the code is
/// the latent mean; families with control curves append them in units where linear mixing is musical.
/// </summary>
public abstract class SoundVae : nn.Module
{
    protected SoundVae(string name) : base(name)
    {
    }

    public abstract IModelArchitecture Shape { get; }

    public long ParameterCount => parameters().Sum(parameter => parameter.numel());

    /// <summary>Length of the code vectors <see cref="EncodeCode"/> returns.</summary>
    public abstract int CodeSize { get; }

    /// <summary>True when codes carry a pitch curve that <see cref="Transpose"/> can move.</summary>
    public virtual bool HasPitchControl => false;

    /// <summary>Per-sound conditioning (batch, …) the forward pass needs beside the waveforms, or null.</summary>
    public abstract Tensor? Controls(IReadOnlyList<MonoAudio> sounds, Device device);

    /// <summary>One pass: encode, sample the latent in training mode (mean otherwise), decode.</summary>
    public abstract VaeOutput Forward(Tensor waveforms, Tensor? controls);

    /// <summary>The family's training loss for one batch of a 1-based epoch (warm-ups and schedules follow it).</summary>
    public abstract LossTerms Loss(VaeOutput output, Tensor target, LossSettings settings, int epoch);

    /// <summary>The code of one model input (call under inference mode).</summary>
    public abstract float[] EncodeCode(MonoAudio sound);

    /// <summary>
    /// The codes of several model inputs, each exactly what <see cref="EncodeCode"/> gives it alone (call under
    /// inference mode). A family may prepare the sounds in parallel; the network still runs one sound at a time.
    /// </summary>
    public virtual float[][] EncodeCodes(IReadOnlyList<MonoAudio> sounds) => sounds.Select(EncodeCode).ToArray();

    /// <summary>One model input from a code (call under inference mode; deterministic).</summary>
    public abstract MonoAudio DecodeCode(float[] code);

    /// <summary>The code moved by <paramref name="semitones"/>; only for families with pitch control.</summary>
    public float[] Transpose(float[] code, double semitones) => Transposer(code)(semitones);

    /// <summary>
    /// Moves one code by any number of semitones, with the work that depends only on the code done once (the
    /// keyboard renders nine keys of one morph); only for families with pitch control.
    /// </summary>
    public virtual Func<double, float[]> Transposer(float[] code) =>
        throw new Core.AscimlException($"the {Shape.Preset} model has no pitch control: transpose needs a timbre model");

    /// <summary>True when the code's pitch curve has voiced frames (something to transpose).</summary>
    public virtual bool IsPitched(float[] code) => false;
}
