using Asciml.Core;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Tests;

public sealed class VaeShapeTests
{
    [Theory]
    [InlineData("paper")]
    [InlineData("lite")]
    public void PresetsMapOneSecondToLatentAndBackToExactly16000Samples(string preset)
    {
        torch.manual_seed(0);
        VaeArchitecture architecture = VaeArchitecture.FromPreset(preset, latentSize: 16);
        using var network = new WaveformVae(architecture);
        network.eval();
        using var noGrad = no_grad();
        using Tensor input = randn(2, 16000) * 0.1;
        using VaeOutput output = network.forward(input);
        Assert.Equal(new long[] { 2, 16000 }, output.Reconstruction.shape);
        Assert.Equal(new long[] { 2, 16 }, output.Mean.shape);
        Assert.Equal(new long[] { 2, 16 }, output.LogVariance.shape);
    }

    [Fact]
    public void PaperEncoderFollowsThePaperLayersWithValidPadding()
    {
        VaeArchitecture paper = VaeArchitecture.Paper();
        Assert.Equal(new[] { 64, 128, 256, 512 }, paper.Filters);
        Assert.Equal(new[] { 4, 4, 4, 3 }, paper.Strides);
        Assert.Equal(66, paper.KernelSize);
        Assert.Equal(new[] { 256, 128 }, paper.DenseUnits);
        Assert.Equal(new[] { 16000, 3984, 980, 229, 55 }, paper.EncoderLengths());
        Assert.Equal(new[] { 16, 32, 64, 128 }, VaeArchitecture.Lite().Filters);
    }

    [Fact]
    public void UnknownPresetIsABadInputError()
    {
        var error = Assert.Throws<AscimlException>(() => VaeArchitecture.FromPreset("huge"));
        Assert.Contains("paper or lite", error.Message);
    }
}
