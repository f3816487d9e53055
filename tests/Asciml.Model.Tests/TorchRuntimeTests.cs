using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Tests;

/// <summary>Proves libtorch loads here (the GLIBCXX weak-version fix) and autograd runs.</summary>
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Conv1dForwardAndBackwardRun()
    {
        torch.manual_seed(1);
        using var conv = nn.Conv1d(1, 4, kernel_size: 9, stride: 2);
        using var input = randn(2, 1, 64);
        using var output = conv.forward(input);
        Assert.Equal(new long[] { 2, 4, 28 }, output.shape);
        using var loss = output.pow(2).mean();
        loss.backward();
        using var grad = conv.weight!.grad!;
        Assert.Equal(new long[] { 4, 1, 9 }, grad.shape);
        Assert.True(grad.abs().sum().item<float>() > 0f);
        Assert.True(float.IsFinite(loss.item<float>()));
    }
}

/// <summary>libtorch's OpenMP threads get a short busy-wait unless the user chose one (see OpenMpSpinning).</summary>
public sealed class OpenMpSpinningTests
{
    [Fact]
    public void SpinCountIsSetBeforeLibtorchUnlessTheUserChoseOne()
    {
        string? own = Environment.GetEnvironmentVariable(Vae.OpenMpSpinning.Variable);
        string? policy = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        string? expected = own ?? (policy is null ? Vae.OpenMpSpinning.DefaultSpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
        Assert.Equal(expected, Vae.OpenMpSpinning.Current);
    }
}
