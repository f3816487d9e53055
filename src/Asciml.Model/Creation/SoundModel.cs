using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Creation;

/// <summary>
/// A trained model ready to answer: encode (latent mean), decode, reconstruct, interpolate. Load it once and
/// share it: calls are serialised by a lock (libtorch runs each one on its own threads) and run under
/// inference mode, so a Blazor server app can call it from any request.
/// </summary>
public sealed class SoundModel : IDisposable
{
    private readonly object _gate = new();
    private readonly SoundVae _network;
    private bool _disposed;

    public SoundModel(SoundVae network, ModelMetadata metadata)
    {
        TorchRuntime.Configure();
        _network = network;
        Metadata = metadata;
        network.eval();
    }

    public ModelMetadata Metadata { get; }

    /// <summary>Length of a sound's code (the latent vector of the paper's networks; latent + control curves for timbre models).</summary>
    public int LatentSize => _network.CodeSize;

    /// <summary>True when codes carry a pitch curve, so sounds and morphs can be transposed.</summary>
    public bool HasPitchControl => _network.HasPitchControl;

    /// <summary>The model family (`timbre` or `waveform`).</summary>
    public string Family => _network.Shape.Family;

    /// <summary>Largest transposition offered, in semitones either way.</summary>
    public const int MaximumTransposeSemitones = 24;

    /// <summary>Loads a model file (see <see cref="ModelFile"/>).</summary>
    public static SoundModel Load(string path)
    {
        LoadedModel loaded = ModelFile.Load(path);
        return new SoundModel(loaded.Network, loaded.Metadata);
    }

    /// <summary>
    /// Latent means of model inputs, one row per sound. Sounds are run one at a time so that a sound's latent
    /// never depends on which others were encoded with it (batched kernels round differently).
    /// </summary>
    public float[][] Encode(IReadOnlyList<MonoAudio> sounds)
    {
        foreach (MonoAudio sound in sounds)
        {
            ModelInputFormat.Check(sound, "the sound to encode");
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            using var inference = inference_mode();
            return _network.EncodeCodes(sounds);
        }
    }

    public float[] Encode(MonoAudio sound) => Encode([sound])[0];

    /// <summary>Waveforms (model inputs, 16 kHz, 16000 samples) for latent vectors, decoded one at a time.</summary>
    public MonoAudio[] Decode(IReadOnlyList<float[]> latents)
    {
        foreach (float[] latent in latents)
        {
            if (latent.Length != LatentSize)
            {
                throw new AscimlException($"latent vector has {latent.Length} values; this model's latent size is {LatentSize}");
            }
        }

        lock (_gate)
        {
            ThrowIfDisposed();
            using var inference = inference_mode();
            return latents.Select(_network.DecodeCode).ToArray();
        }
    }

    public MonoAudio Decode(float[] latent) => Decode([latent])[0];

    /// <summary>A code decoded after moving it by <paramref name="semitones"/> (0 leaves it as it is; see <see cref="Transpose"/>).</summary>
    public MonoAudio Decode(float[] latent, double semitones) => Decode(Transpose(latent, semitones));

    /// <summary>Encode then decode at the latent mean: what the model makes of a sound (transposed by <paramref name="semitones"/>).</summary>
    public MonoAudio Reconstruct(MonoAudio sound, double semitones = 0) => Decode(Encode(sound), semitones);

    public MonoAudio[] Reconstruct(IReadOnlyList<MonoAudio> sounds) => Decode(Encode(sounds));

    /// <summary>z = (1 − a)·z_A + a·z_B; a = 0 gives A's reconstruction, 1 gives B's, outside 0..1 extrapolates.</summary>
    public static float[] Interpolate(float[] latentA, float[] latentB, double amount)
    {
        if (latentA.Length != latentB.Length)
        {
            throw new AscimlException($"latent vectors differ in size ({latentA.Length} vs {latentB.Length})");
        }

        if (!double.IsFinite(amount))
        {
            throw new AscimlException($"interpolation amount {amount} is not a number");
        }

        var result = new float[latentA.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)((1 - amount) * latentA[i] + amount * latentB[i]);
        }

        return result;
    }

    /// <summary>Encode both sounds, mix their latent means, decode one sound (transposed by <paramref name="semitones"/>).</summary>
    public MonoAudio Interpolate(MonoAudio soundA, MonoAudio soundB, double amount, double semitones = 0)
    {
        float[][] latents = Encode([soundA, soundB]);
        return Decode(Interpolate(latents[0], latents[1], amount), semitones);
    }

    /// <summary>Frees the network, under the same lock as every call: a running call finishes first.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _network.Dispose();
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new AscimlException("this model has been closed (a newer model replaced it); reload the page");
        }
    }

    /// <summary>
    /// The code moved by <paramref name="semitones"/> (−24..24): pitch moves exactly, timbre and loudness stay.
    /// Models without pitch control refuse with a one-line message.
    /// </summary>
    public float[] Transpose(float[] code, double semitones) => Transposer(code)(semitones);

    /// <summary>
    /// <see cref="Transpose"/> for one code at many pitches (an instrument's keys): what depends only on the code
    /// is computed once, on the first call.
    /// </summary>
    public Func<double, float[]> Transposer(float[] code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Func<double, float[]>? byNetwork = null;
        return semitones =>
        {
            if (!double.IsFinite(semitones) || Math.Abs(semitones) > MaximumTransposeSemitones)
            {
                throw new AscimlException($"transposition of {semitones} semitones is out of range: use −{MaximumTransposeSemitones}..{MaximumTransposeSemitones}");
            }

            if (semitones == 0)
            {
                return code;
            }

            lock (_gate)
            {
                ThrowIfDisposed();
                using var inference = inference_mode();
                byNetwork ??= _network.Transposer(code);
                return byNetwork(semitones);
            }
        };
    }

    /// <summary>True when the code has a pitch to transpose (a timbre model and a voiced sound).</summary>
    public bool IsPitched(float[] code) => _network.IsPitched(code);
}
