using Asciml.Core;
using Asciml.Core.Audio;

namespace Asciml.Model.Vae;

/// <summary>What the decoder puts on its last layer.</summary>
public enum OutputActivation
{
    /// <summary>No squashing: the decoder's last transposed convolution is the waveform.</summary>
    Linear,

    /// <summary>tanh keeps every sample inside −1..1.</summary>
    Tanh,
}

/// <summary>How the decoder's transposed convolutions produce their output.</summary>
public enum DecoderOutput
{
    /// <summary>As first shipped (and in the paper): plain transposed convolutions. Models saved before the fix read as this.</summary>
    Raw,

    /// <summary>
    /// Each transposed convolution's output divided by how many kernel taps overlap at each position (kernel
    /// 66 over stride 4 gives 16 or 17 in a repeating pattern: the ~1 kHz stride buzz of Odena et al. 2016), and
    /// the clip's mean removed from the output (no DC offset). Parameter-free: the weights are the same.
    /// </summary>
    Clean,
}

/// <summary>
/// The shape of the VAE. The encoder is the paper's: convolutions (ReLU, no padding, as Keras' default
/// "valid"), Flatten, two Dense layers, then the latent mean and log-variance. The decoder mirrors it with
/// transposed convolutions whose output paddings are computed so that it produces exactly 16000 samples.
/// </summary>
public sealed record VaeArchitecture(
    string Preset,
    IReadOnlyList<int> Filters,
    int KernelSize,
    IReadOnlyList<int> Strides,
    IReadOnlyList<int> DenseUnits,
    int LatentSize,
    OutputActivation OutputActivation,
    DecoderOutput DecoderOutput = DecoderOutput.Raw) : IModelArchitecture
{
    public const string WaveformFamily = "waveform";

    public string Family => WaveformFamily;

    public SoundVae Build() => new WaveformVae(this);

    public const int DefaultLatentSize = 32;
    public const int InputSamples = ModelInputFormat.LengthSamples;

    public static IReadOnlyList<string> PresetNames { get; } = ["paper", "lite"];

    /// <summary>The paper's model: 64, 128, 256, 512 filters, kernel 66, strides 4, 4, 4, 3, Dense 256 and 128.</summary>
    public static VaeArchitecture Paper(int latentSize = DefaultLatentSize) =>
        new("paper", [64, 128, 256, 512], 66, [4, 4, 4, 3], [256, 128], latentSize, OutputActivation.Linear, DecoderOutput.Clean);

    /// <summary>The same layout with a quarter of the filters (about ten times faster to train on a CPU).</summary>
    public static VaeArchitecture Lite(int latentSize = DefaultLatentSize) =>
        new("lite", [16, 32, 64, 128], 66, [4, 4, 4, 3], [256, 128], latentSize, OutputActivation.Linear, DecoderOutput.Clean);

    /// <summary>A preset by name (`paper` or `lite`).</summary>
    public static VaeArchitecture FromPreset(string preset, int latentSize = DefaultLatentSize)
    {
        if (latentSize is < 1 or > 1024)
        {
            throw new AscimlException($"latent size {latentSize} is out of range: use 1..1024");
        }

        return preset.Trim().ToLowerInvariant() switch
        {
            "paper" => Paper(latentSize),
            "lite" => Lite(latentSize),
            _ => throw new AscimlException($"unknown model preset '{preset}': use paper or lite"),
        };
    }

    /// <summary>
    /// True when the layout can be built: matching filter and stride lists, positive sizes, a length that
    /// survives every layer, and, for the named presets, exactly the preset's layers.
    /// </summary>
    public bool IsConsistent()
    {
        if (Filters is null || Strides is null || DenseUnits is null || Filters.Count == 0 || Filters.Count != Strides.Count
            || KernelSize < 1 || LatentSize < 1 || Filters.Any(f => f < 1) || Strides.Any(s => s < 1) || DenseUnits.Any(u => u < 1))
        {
            return false;
        }

        int length = InputSamples;
        for (int layer = 0; layer < Filters.Count; layer++)
        {
            length = (length - KernelSize) / Strides[layer] + 1;
            if (length < 1)
            {
                return false;
            }
        }

        VaeArchitecture? preset = Preset switch
        {
            "paper" => Paper(LatentSize),
            "lite" => Lite(LatentSize),
            _ => null,
        };
        return preset is null || (preset.Filters.SequenceEqual(Filters) && preset.Strides.SequenceEqual(Strides)
            && preset.KernelSize == KernelSize && preset.DenseUnits.SequenceEqual(DenseUnits));
    }

    /// <summary>Sequence length after each encoder convolution (index 0 = the input).</summary>
    public IReadOnlyList<int> EncoderLengths()
    {
        var lengths = new List<int> { InputSamples };
        for (int layer = 0; layer < Filters.Count; layer++)
        {
            int length = (lengths[^1] - KernelSize) / Strides[layer] + 1;
            if (length < 1)
            {
                throw new AscimlException($"preset '{Preset}' shrinks the input below one frame at layer {layer + 1}");
            }

            lengths.Add(length);
        }

        return lengths;
    }

    /// <summary>Features after Flatten: last filter count times last length.</summary>
    public int FlattenedSize => Filters[^1] * EncoderLengths()[^1];
}
