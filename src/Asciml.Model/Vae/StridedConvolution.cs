using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

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
    /// Transposed convolution only: the stride's output phases as one ordinary stride-1 convolution of
    /// ⌈kernel ÷ stride⌉ taps with stride × out channels (unfold + one GEMM, no overlap-add); a convolution takes the
    /// Matmul path.
    /// </summary>
    Polyphase,
}

/// <summary>
/// A 1-D valid convolution with the parameters of <see cref="Conv1d"/> — <c>weight</c> (out, in, kernel) and
/// <c>bias</c> (out), same names, same initialisation — so model files saved with <c>nn.Conv1d</c> load unchanged.
/// On the <see cref="ConvolutionPath.Matmul"/> path the input's windows are gathered with <c>unfold</c> (a strided
/// view), copied once into a (batch × frames, in × kernel) matrix and multiplied by the weights in one GEMM: for the
/// paper's kernel 66 / stride 3–4 layers that ran about 1.7× faster than oneDNN's convolution (measured).
/// </summary>
public sealed class StridedConv1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly long kernel;
    private readonly long stride;

    public StridedConv1d(long inChannels, long outChannels, long kernelSize, long stride, ConvolutionPath path) : base(nameof(StridedConv1d))
    {
        // Initialised by a temporary Conv1d: the same draws from the same generator as before this module existed.
        using (Conv1d template = nn.Conv1d(inChannels, outChannels, kernelSize, stride: stride))
        {
            weight = new Parameter(template.weight!.detach().clone());
            bias = new Parameter(template.bias!.detach().clone());
        }

        kernel = kernelSize;
        this.stride = stride;
        Path = path;
        RegisterComponents();
    }

    public ConvolutionPath Path { get; set; }

    public Parameter Weight => weight;

    public Parameter Bias => bias;

    /// <summary>(batch, in, length) → (batch, out, frames). The Matmul path returns a channels-innermost view.</summary>
    public override Tensor forward(Tensor input)
    {
        if (Path == ConvolutionPath.Library)
        {
            return nn.functional.conv1d(input, weight, bias, stride: stride);
        }

        using var scope = NewDisposeScope();
        long batch = input.shape[0];
        long inChannels = input.shape[1];
        // (batch, in, frames, kernel) view → (batch, frames, in, kernel) → one copy as rows of in × kernel.
        Tensor windows = input.unfold(2, kernel, stride);
        long frames = windows.shape[2];
        Tensor columns = windows.permute(0, 2, 1, 3).reshape(batch * frames, inChannels * kernel);
        Tensor output = addmm(bias, columns, weight.view(weight.shape[0], -1).t(), beta: 1, alpha: 1);
        return output.view(batch, frames, -1).permute(0, 2, 1).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// A 1-D transposed convolution with the parameters of <see cref="ConvTranspose1d"/> — <c>weight</c> (in, out,
/// kernel) and <c>bias</c> (out) — so existing model files load unchanged. On the Matmul path each input frame is
/// multiplied by the weights in one GEMM (giving out × kernel taps per frame) and the taps are overlap-added into the
/// output with <c>fold</c> (col2im), which is the transposed convolution's definition.
/// </summary>
public sealed class StridedConvTranspose1d : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;
    private readonly long kernel;
    private readonly long stride;
    private readonly long outputPadding;

    public StridedConvTranspose1d(long inChannels, long outChannels, long kernelSize, long stride, long outputPadding, ConvolutionPath path)
        : base(nameof(StridedConvTranspose1d))
    {
        using (ConvTranspose1d template = nn.ConvTranspose1d(inChannels, outChannels, kernelSize, stride: stride, output_padding: outputPadding))
        {
            weight = new Parameter(template.weight!.detach().clone());
            bias = new Parameter(template.bias!.detach().clone());
        }

        kernel = kernelSize;
        this.stride = stride;
        this.outputPadding = outputPadding;
        Path = path;
        RegisterComponents();
    }

    public ConvolutionPath Path { get; set; }

    public Parameter Weight => weight;

    public Parameter Bias => bias;

    /// <summary>(batch, in, length) → (batch, out, (length − 1) × stride + kernel + output padding).</summary>
    public override Tensor forward(Tensor input) => Transpose(input, bias);

    /// <summary>The transposed convolution without its bias (the decoder's Clean output scales the taps first).</summary>
    public Tensor WithoutBias(Tensor input) => Transpose(input, null);

    private Tensor Transpose(Tensor input, Tensor? addedBias)
    {
        if (Path == ConvolutionPath.Library)
        {
            return nn.functional.conv_transpose1d(input, weight, addedBias, stride: stride, output_padding: outputPadding);
        }

        using var scope = NewDisposeScope();
        long batch = input.shape[0];
        long inChannels = input.shape[1];
        long frames = input.shape[2];
        long outChannels = weight.shape[1];
        long length = (frames - 1) * stride + kernel + outputPadding;
        if (Path == ConvolutionPath.Polyphase)
        {
            return Polyphase(input, addedBias, batch, inChannels, frames, outChannels, length).MoveToOuterDisposeScope();
        }

        // Rows are frames: (batch × frames, in) · (in, out × kernel) = every frame's out × kernel taps.
        Tensor taps = input.permute(0, 2, 1).reshape(batch * frames, inChannels).matmul(weight.view(inChannels, outChannels * kernel));
        // fold wants (batch, out × kernel, frames) and overlap-adds block f at f × stride: col2im of a 1 × length image.
        Tensor blocks = taps.view(batch, frames, outChannels * kernel).transpose(1, 2);
        Tensor output = nn.functional.fold(blocks, (1, length), (1, kernel), stride: (1, stride)).view(batch, outChannels, length);
        if (addedBias is not null)
        {
            output = output + addedBias.view(1, -1, 1);
        }

        return output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Output sample m × stride + r is Σ over taps j and in channels of input[m − j] · weight[j × stride + r]: for
    /// each phase r an ordinary convolution with ⌈kernel ÷ stride⌉ taps. All phases at once: the (zero-padded) input's
    /// windows of that many frames, one GEMM against the weights rearranged to (in × taps, out × stride), and the
    /// phases interleaved back. The kernel is zero-padded to a multiple of the stride (66 → 68 for stride 4).
    /// </summary>
    private Tensor Polyphase(Tensor input, Tensor? addedBias, long batch, long inChannels, long frames, long outChannels, long length)
    {
        long taps = (kernel + stride - 1) / stride;
        long phases = (length + stride - 1) / stride;
        Tensor phaseWeights = nn.functional.pad(weight, [0, taps * stride - kernel])
            .view(inChannels, outChannels, taps, stride).flip(2).permute(0, 2, 1, 3).reshape(inChannels * taps, outChannels * stride);
        Tensor padded = nn.functional.pad(input, [taps - 1, phases - frames]);
        Tensor columns = padded.unfold(2, taps, 1).permute(0, 2, 1, 3).reshape(batch * phases, inChannels * taps);
        Tensor products = addedBias is null
            ? columns.matmul(phaseWeights)
            : addmm(addedBias.view(-1, 1).expand(outChannels, stride).reshape(-1), columns, phaseWeights, beta: 1, alpha: 1);
        return products.view(batch, phases, outChannels, stride).permute(0, 2, 1, 3).reshape(batch, outChannels, phases * stride).narrow(2, 0, length);
    }
}
