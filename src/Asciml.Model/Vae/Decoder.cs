using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

/// <summary>
/// Latent (batch, latent) → waveform (batch, 16000): the encoder's mirror. Dense layers back up to the
/// flattened size, then transposed convolutions; each one's output padding restores the exact length the
/// matching encoder layer saw, so the last one yields 16000 samples without cropping.
/// </summary>
public sealed class Decoder : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> dense = new();
    private readonly ModuleList<StridedConvTranspose1d> convolutions = new();
    private readonly long firstChannels;
    private readonly long firstLength;
    private readonly OutputActivation outputActivation;
    private readonly DecoderOutput style;
    private readonly List<Tensor> overlap = new();

    public Decoder(VaeArchitecture architecture) : base(nameof(Decoder))
    {
        outputActivation = architecture.OutputActivation;
        style = architecture.DecoderOutput;
        IReadOnlyList<int> lengths = architecture.EncoderLengths();
        int features = architecture.LatentSize;
        foreach (int units in architecture.DenseUnits.Reverse())
        {
            dense.Add(nn.Linear(features, units));
            features = units;
        }

        dense.Add(nn.Linear(features, architecture.FlattenedSize));
        firstChannels = architecture.Filters[^1];
        firstLength = lengths[^1];

        for (int layer = architecture.Filters.Count - 1; layer >= 0; layer--)
        {
            int inChannels = architecture.Filters[layer];
            int outChannels = layer == 0 ? 1 : architecture.Filters[layer - 1];
            int stride = architecture.Strides[layer];
            int produced = (lengths[layer + 1] - 1) * stride + architecture.KernelSize;
            int outputPadding = lengths[layer] - produced;
            convolutions.Add(new StridedConvTranspose1d(inChannels, outChannels, architecture.KernelSize, stride, outputPadding, ConvolutionPaths.For(layer, architecture.Filters.Count)));
            if (style == DecoderOutput.Clean)
            {
                // Taps landing on each output position: a transposed convolution of ones by ones. Scaling by
                // mean/count gives every position the same total gain, so the stride pattern cannot imprint itself.
                using var noGrad = no_grad();
                Tensor count = nn.functional.conv_transpose1d(ones(1, 1, lengths[layer + 1]), ones(1, 1, architecture.KernelSize),
                    stride: stride, output_padding: outputPadding);
                // Output-padding positions receive no tap at all: they keep gain 0 (bias only), never a division by zero.
                Tensor covered = count.gt(0);
                Tensor gain = where(covered, count.masked_select(covered).mean() / count.clamp_min(1), zeros_like(count)).detach();
                register_buffer($"overlap_gain_{overlap.Count}", gain, persistent: false);
                overlap.Add(gain);
            }
        }

        RegisterComponents();
    }


    public override Tensor forward(Tensor latent)
    {
        using var scope = NewDisposeScope();
        Tensor x = latent;
        foreach (Linear layer in dense)
        {
            x = nn.functional.relu(layer.forward(x));
        }

        x = x.view(x.shape[0], firstChannels, firstLength);
        for (int i = 0; i < convolutions.Count; i++)
        {
            if (style == DecoderOutput.Clean)
            {
                StridedConvTranspose1d layer = convolutions[i];
                x = layer.WithoutBias(x) * overlap[i].to(x.device) + layer.Bias.view(1, -1, 1);
            }
            else
            {
                x = convolutions[i].forward(x);
            }

            if (i < convolutions.Count - 1)
            {
                x = nn.functional.relu(x);
            }
        }

        x = x.squeeze(1);
        if (outputActivation == OutputActivation.Tanh)
        {
            x = x.tanh();
        }

        if (style == DecoderOutput.Clean)
        {
            x = x - x.mean(new long[] { 1 }, keepdim: true);
        }

        return x.MoveToOuterDisposeScope();
    }
}
