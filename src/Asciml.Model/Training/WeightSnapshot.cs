using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>An in-memory copy of a network's weights, to go back to after a failed (non-finite) step.</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly List<(Tensor Live, Tensor Saved)> _pairs = new();

    public WeightSnapshot(nn.Module module)
    {
        foreach ((string _, Tensor value) in module.state_dict())
        {
            _pairs.Add((value, value.detach().clone()));
        }
    }

    public void Capture(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach ((Tensor live, Tensor saved) in _pairs)
        {
            saved.copy_(live);
        }
    }

    public void Restore(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach ((Tensor live, Tensor saved) in _pairs)
        {
            live.copy_(saved);
        }
    }

    public void Dispose()
    {
        foreach ((Tensor _, Tensor saved) in _pairs)
        {
            saved.Dispose();
        }
    }
}
