using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

/// <summary>
/// A 1-D valid convolution with the parameters of <see cref="Conv1d"/> — <c>weight</c> (out, in, kernel) and
/// <c>bias</c> (out), same names, same initialisation — so model files saved with <c>nn.Conv1d</c> load unchanged.
/// On the <see cref="ConvolutionPath.Matmul"/> path the input's windows are gathered with <c>unfold</c> (a strided
/// view), copied once into a (batch × frames, in × kernel) matrix and multiplied by the weights in one GEMM; where
/// that beats oneDNN's convolution is in <see cref="ConvolutionPaths.For"/>.
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

        if (Path == ConvolutionPath.ChannelsLast2d)
        {
            using var channelsLast = NewDisposeScope();
            // (batch, channels, 1, length) with channels innermost in memory: libtorch reads the layout from the strides.
            Tensor image = input.transpose(1, 2).contiguous().unsqueeze(1).permute(0, 3, 1, 2);
            Tensor kernel2d = weight.transpose(1, 2).contiguous().unsqueeze(1).permute(0, 3, 1, 2);
            return nn.functional.conv2d(image, kernel2d, bias, strides: [1, stride]).squeeze(2).MoveToOuterDisposeScope();
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
