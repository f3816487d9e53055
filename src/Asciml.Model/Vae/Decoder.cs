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
    private readonly ModuleList<ConvTranspose1d> convolutions = new();
    private readonly long firstChannels;
    private readonly long firstLength;
    private readonly OutputActivation outputActivation;

    public Decoder(VaeArchitecture architecture) : base(nameof(Decoder))
    {
        outputActivation = architecture.OutputActivation;
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
            convolutions.Add(nn.ConvTranspose1d(inChannels, outChannels, architecture.KernelSize, stride: stride, output_padding: outputPadding));
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
            x = convolutions[i].forward(x);
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

        return x.MoveToOuterDisposeScope();
    }
}
