using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

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

        if (Path == ConvolutionPath.ChannelsLast2d)
        {
            using var channelsLast = NewDisposeScope();
            // (batch, channels, 1, length) with channels innermost in memory: libtorch reads the layout from the strides.
            Tensor image = input.transpose(1, 2).contiguous().unsqueeze(1).permute(0, 3, 1, 2);
            Tensor kernel2d = weight.transpose(1, 2).contiguous().unsqueeze(1).permute(0, 3, 1, 2);
            return nn.functional.conv_transpose2d(image, kernel2d, addedBias, strides: [1, stride], output_padding: [0, outputPadding])
                .squeeze(2).MoveToOuterDisposeScope();
        }

        using var scope = NewDisposeScope();
        long batch = input.shape[0];
        long inChannels = input.shape[1];
        long frames = input.shape[2];
        long outChannels = weight.shape[1];
        long length = (frames - 1) * stride + kernel + outputPadding;
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
}
