using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

/// <summary>Waveform (batch, 16000) → latent mean and log-variance (batch, latent).</summary>
public sealed class Encoder : nn.Module<Tensor, (Tensor Mean, Tensor LogVariance)>
{

    private readonly ModuleList<StridedConv1d> convolutions = new();
    private readonly ModuleList<Linear> dense = new();
    private readonly Linear mean;
    private readonly Linear logVariance;

    public Encoder(VaeArchitecture architecture) : base(nameof(Encoder))
    {
        int channels = 1;
        for (int layer = 0; layer < architecture.Filters.Count; layer++)
        {
            convolutions.Add(new StridedConv1d(channels, architecture.Filters[layer], architecture.KernelSize, architecture.Strides[layer], ConvolutionPaths.For(layer, architecture.Filters.Count)));
            channels = architecture.Filters[layer];
        }

        int features = architecture.FlattenedSize;
        foreach (int units in architecture.DenseUnits)
        {
            dense.Add(nn.Linear(features, units));
            features = units;
        }

        mean = nn.Linear(features, architecture.LatentSize);
        logVariance = nn.Linear(features, architecture.LatentSize);
        RegisterComponents();
    }


    public override (Tensor Mean, Tensor LogVariance) forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        Tensor x = waveform.unsqueeze(1);
        foreach (StridedConv1d convolution in convolutions)
        {
            x = nn.functional.relu(convolution.forward(x));
        }

        x = x.flatten(1);
        foreach (Linear layer in dense)
        {
            x = nn.functional.relu(layer.forward(x));
        }

        Tensor mu = mean.forward(x);
        Tensor logVar = logVariance.forward(x);
        return (mu.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope());
    }
}
