using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;

namespace Asciml.Model.Tests;

/// <summary>The libtorch settings, the FLOP counts behind fraction_of_limit, and the benchmarks' seams (correctness, not speed).</summary>
public sealed class BenchmarkTests
{
    [Fact]
    public void NnpackIsOffAndNativeWarningsAreQuietByDefault()
    {
        TorchRuntime.Configure();
        Assert.False(TorchRuntime.NnpackEnabled);
        Assert.True(TorchRuntime.MkldnnEnabled);
        Assert.Equal(2, TorchRuntime.NativeLogLevel);
    }

    [Fact]
    public void PaperTrainingStepIsAbout18GflopPerSample()
    {
        // Valid convolutions: 16000 → 3984 → 980 → 229 → 55 samples; three passes, minus the first layer's input gradient.
        double flops = ComputeLimit.VaeTrainingFlopsPerSample(VaeArchitecture.Paper());
        Assert.InRange(flops / 1e9, 18.2, 18.35);
        (IReadOnlyList<double> encoder, IReadOnlyList<double> decoder) = ComputeLimit.VaeLayerMacs(VaeArchitecture.Paper());
        Assert.Equal(3984.0 * 64 * 66, encoder[0]);
        Assert.Equal(55.0 * 512 * 256 * 66, encoder[3]);
        Assert.Equal(encoder[3], decoder[^4]); // the first transposed convolution mirrors the last convolution
    }

    [Fact]
    public void FlopCountFollowsTheArchitecture()
    {
        double paper = ComputeLimit.VaeTrainingFlopsPerSample(VaeArchitecture.Paper());
        double lite = ComputeLimit.VaeTrainingFlopsPerSample(VaeArchitecture.Lite());
        Assert.InRange(paper / lite, 12, 17); // a quarter of the filters: about a sixteenth of the inner layers' work
        Assert.True(ComputeLimit.VaeDecodeFlops(VaeArchitecture.Paper()) < paper / 4);
    }

    [Fact]
    public void TrainingBenchmarkRunsTheTrainerStepAndReportsTheLimit()
    {
        TrainingBenchmarkResult result = TrainingBenchmark.Run(TestSounds.Tiny(), batchSize: 2, repeats: 2, threads: 1);
        Assert.Equal(TestSounds.Tiny().Family, result.Family);
        Assert.Equal(2, result.MsPerSample.Count);
        Assert.True(result.SgemmGflops.Median > 0);
        Assert.True(result.FractionOfLimit > 0 && double.IsFinite(result.FractionOfLimit));
        Assert.Equal(1, torch.get_num_threads());
    }

    [Fact]
    public void InferenceBenchmarkTimesEveryOperation()
    {
        InferenceBenchmarkResult result = InferenceBenchmark.Run(TestSounds.Tiny(), threads: 1, repeats: 2);
        Assert.Equal(new[] { "encode", "decode", "interpolate" }, result.Operations.Select(o => o.Name));
        Assert.True(result.DecodeRealTimeFactor > 0);
    }

    [Fact]
    public void TimbreFamilyHasAFlopCountToo()
    {
        IModelArchitecture timbre = ModelPresets.FromName("timbre");
        double training = ComputeLimit.TrainingFlopsPerSample(timbre);
        Assert.True(training > 0 && double.IsFinite(training));
        Assert.True(ComputeLimit.DecodeFlops(timbre) < training);
    }
}
