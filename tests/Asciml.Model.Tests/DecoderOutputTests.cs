using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Tests;

public sealed class DecoderOutputTests
{
    /// <summary>
    /// With every weight equal, a raw transposed-convolution decoder prints its tap-overlap pattern (kernel 66 over
    /// stride 4: 16 or 17 taps) onto a constant input: the stride buzz. The clean decoder evens it out and has no DC.
    /// </summary>
    [Fact]
    public void CleanDecoderHasNoStridePatternAndNoDc()
    {
        (double Spread, double Level, double Mean) Decode(DecoderOutput style)
        {
            torch.manual_seed(0);
            var architecture = TestSounds.Tiny() with { DecoderOutput = style };
            using var network = new WaveformVae(architecture);
            using (no_grad())
            {
                foreach ((string name, Tensor parameter) in network.named_parameters())
                {
                    parameter.fill_(name.EndsWith("bias", StringComparison.Ordinal) ? 0.0 : 0.01);
                }

                Tensor output = network.Decode(ones(1, architecture.LatentSize));
                // Away from the edges a constant input must give a constant output.
                Tensor middle = output[0, 2000..14000];
                return ((middle.max() - middle.min()).item<float>(), middle.abs().mean().item<float>(), output.mean().item<float>());
            }
        }

        (double rawSpread, double rawLevel, double rawMean) = Decode(DecoderOutput.Raw);
        (double cleanSpread, _, double cleanMean) = Decode(DecoderOutput.Clean);
        Assert.True(rawLevel > 0, "the test network must produce a signal");
        Assert.True(rawSpread > 0.05 * rawLevel, $"the raw decoder should show its overlap pattern (spread {rawSpread} at level {rawLevel})");
        Assert.True(Math.Abs(rawMean) > 0.5 * rawLevel, "the raw decoder's constant output is all DC");
        Assert.True(cleanSpread < 1e-3 * rawLevel, $"the clean decoder's output must be flat (spread {cleanSpread} at level {rawLevel})");
        Assert.True(Math.Abs(cleanMean) < 1e-3 * rawLevel, $"the clean decoder removes DC (mean {cleanMean})");
    }

    [Fact]
    public void NewPresetsAreCleanAndOldFilesReadAsRaw()
    {
        Assert.Equal(DecoderOutput.Clean, VaeArchitecture.Lite().DecoderOutput);
        Assert.Equal(DecoderOutput.Clean, VaeArchitecture.Paper().DecoderOutput);
        var metadata = ModelFile.ReadMetadata(Training.PretrainedModel.Resolve("pretrained-lite"));
        Assert.Equal(DecoderOutput.Raw, metadata.Architecture!.DecoderOutput);
    }
}
