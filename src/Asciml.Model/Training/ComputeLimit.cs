using System.Diagnostics;
using Asciml.Model.Timbre;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>
/// What the machine can do right now and what a network needs: libtorch's sgemm rate measured in this process
/// (on the threads libtorch is set to use), and the multiply-add count of a network from its architecture, so
/// "fraction of the limit" = (FLOPs per sample ÷ sgemm rate) ÷ measured time stays comparable between machines.
/// </summary>
public static class ComputeLimit
{
    public const int SgemmSize = 2048;

    /// <summary>GFLOP/s of one n×n×n float32 matrix product (2n³ FLOPs), after <see cref="WarmUpSgemm"/>.</summary>
    public static double MeasureSgemmGflops(Tensor a, Tensor b)
    {
        long n = a.shape[0];
        long start = Stopwatch.GetTimestamp();
        using (Tensor product = a.mm(b))
        {
            _ = product.shape; // the product is computed eagerly on the CPU
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return 2.0 * n * n * n / seconds / 1e9;
    }

    /// <summary>
    /// Sgemm rate per second of this process's CPU time (all threads): a figure that being descheduled on a busy
    /// machine does not lower, to set against the CPU time of the step (see <see cref="ProcessCpu"/>).
    /// </summary>
    public static double MeasureSgemmGflopsPerCpuSecond(Tensor a, Tensor b, int products = 2)
    {
        long n = a.shape[0];
        TimeSpan start = ProcessCpu();
        for (int i = 0; i < products; i++)
        {
            using Tensor product = a.mm(b);
        }

        double seconds = (ProcessCpu() - start).TotalSeconds;
        return seconds <= 0 ? double.NaN : products * 2.0 * n * n * n / seconds / 1e9;
    }

    /// <summary>CPU time of this process so far (user + system, all threads).</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Two random n×n operands and one untimed product (pages the memory in, spins the thread pool up).</summary>
    public static (Tensor A, Tensor B) WarmUpSgemm(int size = SgemmSize)
    {
        using var generator = new Generator(1234);
        Tensor a = randn(size, size, generator: generator);
        Tensor b = randn(size, size, generator: generator);
        MeasureSgemmGflops(a, b);
        return (a, b);
    }

    /// <summary>
    /// FLOPs of one training step per sample of any family (2 per multiply-add of its convolutions and dense
    /// layers; three passes minus the first layer's input gradient); NaN for a family without a count.
    /// </summary>
    public static double TrainingFlopsPerSample(IModelArchitecture architecture) => architecture switch
    {
        VaeArchitecture vae => VaeTrainingFlopsPerSample(vae),
        TimbreArchitecture timbre => TrainingFlops(TimbreLayerMacs(timbre)),
        _ => double.NaN,
    };

    /// <summary>FLOPs of decoding one code (the decoder's forward pass) of any family; NaN for a family without a count.</summary>
    public static double DecodeFlops(IModelArchitecture architecture) => architecture switch
    {
        VaeArchitecture vae => VaeDecodeFlops(vae),
        TimbreArchitecture timbre => 2 * TimbreLayerMacs(timbre).Decoder.Sum(),
        _ => double.NaN,
    };

    /// <summary>
    /// Multiply-adds per sample of the timbre model's layers over its control frames (one per hop): the encoder's
    /// three convolutions and latent layer, the decoder's input, dilated and output convolutions. Not counted:
    /// the STFTs and mel projection of the encoder, the harmonic-plus-noise synthesizer and the spectral loss —
    /// the bulk of that family's work, so its fraction of the sgemm limit is small by construction.
    /// </summary>
    public static (IReadOnlyList<double> Encoder, IReadOnlyList<double> Decoder) TimbreLayerMacs(TimbreArchitecture architecture)
    {
        double frames = TimbreArchitecture.FrameCount;
        double units = architecture.HiddenUnits;
        double half = Math.Ceiling(frames / 2), quarter = Math.Ceiling(half / 2);
        var encoder = new List<double>
        {
            frames * units * architecture.MelBands * 5,
            half * units * units * 5,
            quarter * units * units * 5,
            2 * units * 2 * architecture.LatentSize,
            quarter * units * 2 * architecture.MotionChannels,
        };
        var decoder = new List<double> { frames * (3 + architecture.LatentSize + architecture.MotionChannels) * units };
        decoder.AddRange(Enumerable.Repeat(frames * units * units * 3, architecture.DecoderLayers));
        decoder.Add(frames * units * (1 + architecture.Harmonics + architecture.NoiseBands));
        return (encoder, decoder);
    }

    private static double TrainingFlops((IReadOnlyList<double> Encoder, IReadOnlyList<double> Decoder) layers)
    {
        double forward = layers.Encoder.Sum() + layers.Decoder.Sum();
        return 2 * (forward + forward + (forward - layers.Encoder[0]));
    }

    /// <summary>
    /// FLOPs (2 per multiply-add) of one training step per sample of the waveform VAE: forward through the
    /// encoder's convolutions and dense layers and the decoder's dense layers and transposed convolutions, then
    /// backward (weight gradients for every layer, input gradients for every layer except the first, whose
    /// input is data). Biases, activations, the sampling and the loss (STFTs) are not counted: they are not
    /// matrix products, so the limit this gives is one the network can only approach.
    /// </summary>
    public static double VaeTrainingFlopsPerSample(VaeArchitecture architecture)
    {
        return TrainingFlops(VaeLayerMacs(architecture));
    }

    /// <summary>FLOPs of decoding one latent (the decoder's forward pass), for the inference benchmark.</summary>
    public static double VaeDecodeFlops(VaeArchitecture architecture)
    {
        return 2 * VaeLayerMacs(architecture).Decoder.Sum();
    }

    /// <summary>Multiply-adds per sample of every layer of the encoder and of the decoder, each in forward order.</summary>
    public static (IReadOnlyList<double> Encoder, IReadOnlyList<double> Decoder) VaeLayerMacs(VaeArchitecture architecture)
    {
        IReadOnlyList<int> lengths = architecture.EncoderLengths();
        int k = architecture.KernelSize;
        var encoder = new List<double>();
        int channels = 1;
        for (int layer = 0; layer < architecture.Filters.Count; layer++)
        {
            encoder.Add((double)lengths[layer + 1] * architecture.Filters[layer] * channels * k);
            channels = architecture.Filters[layer];
        }

        int features = architecture.FlattenedSize;
        foreach (int units in architecture.DenseUnits)
        {
            encoder.Add((double)features * units);
            features = units;
        }

        encoder.Add(2.0 * features * architecture.LatentSize); // mean and log-variance heads

        var decoder = new List<double>();
        features = architecture.LatentSize;
        foreach (int units in architecture.DenseUnits.Reverse())
        {
            decoder.Add((double)features * units);
            features = units;
        }

        decoder.Add((double)features * architecture.FlattenedSize);
        for (int layer = architecture.Filters.Count - 1; layer >= 0; layer--)
        {
            int outChannels = layer == 0 ? 1 : architecture.Filters[layer - 1];
            // A transposed convolution multiplies every input position by the whole kernel.
            decoder.Add((double)lengths[layer + 1] * architecture.Filters[layer] * outChannels * k);
        }

        return (encoder, decoder);
    }
}
