namespace Asciml.Model.Vae;

/// <summary>
/// How a waveform layer computes its (transposed) convolution. Both give the same result to float rounding; the
/// encoder and decoder pick per layer by the measurement in docs/BENCHMARKS.md ("Paper training at 80 % of the limit").
/// </summary>
public enum ConvolutionPath
{
    /// <summary>libtorch's convolution (oneDNN on x86).</summary>
    Library,

    /// <summary>
    /// Convolution: the input's windows gathered (unfold) and one matrix product with the weights (im2col + GEMM).
    /// Transposed convolution: one matrix product giving every input frame's taps, overlap-added with fold (col2im).
    /// </summary>
    Matmul,

    /// <summary>
    /// libtorch's 2-D convolution on (batch, channels, 1, length) in channels-last memory (oneDNN's nwc layout, no
    /// reorder of the activations between layers that stay channels-last).
    /// </summary>
    ChannelsLast2d,
}

/// <summary>Which path each layer of the waveform networks takes.</summary>
public static class ConvolutionPaths
{
    /// <summary>
    /// The path of encoder layer <paramref name="layer"/> of <paramref name="layers"/>, and of the decoder's transposed
    /// convolution that mirrors it. Measured per layer, forward + backward, batch 16, both presets
    /// (`tools/train-step-ab layers`, docs/BENCHMARKS.md): unfold + matmul wins clearly at the one-channel ends
    /// (0.3–0.7× the CPU time of libtorch) and at the deepest, stride-3 layer pair (0.67–0.87× for paper); libtorch
    /// (oneDNN) wins the middle layers (matmul 1.0–2.6×). The paper decoder's first transposed convolution also gave
    /// wrong, run-to-run different values through libtorch on two threads (512 → 256 with output padding 1, measured),
    /// which the matmul path does not. The middle layers run libtorch's convolution as a 2-D one in channels-last
    /// memory (<see cref="ConvolutionPath.ChannelsLast2d"/>): 17–19 % less CPU than conv1d per paper layer, and the
    /// paper training step 13 % less in the same run (paired median; docs/BENCHMARKS.md).
    /// </summary>
    public static ConvolutionPath For(int layer, int layers) =>
        layer == 0 || layer == layers - 1 ? ConvolutionPath.Matmul : ConvolutionPath.ChannelsLast2d;
}
