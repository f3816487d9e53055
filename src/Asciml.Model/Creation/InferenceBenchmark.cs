using Asciml.Core.Audio;
using Asciml.Core.Benchmarking;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;

namespace Asciml.Model.Creation;

/// <summary>
/// One model family's creation calls, as `bench infer` times them. <see cref="Operations"/> lists named calls
/// (the VAE: encode, decode, interpolate); the one named "decode" makes one second of audio and gives the
/// real-time factor. A family plugs in by implementing this and adding a case to <see cref="BenchmarkFamilies"/>.
/// </summary>
public interface IInferenceBenchmarkSubject : IDisposable
{
    string Family { get; }
    string Preset { get; }
    long Parameters { get; }

    /// <summary>FLOPs of the "decode" operation, computed from the architecture.</summary>
    double DecodeFlops { get; }

    IReadOnlyList<(string Name, Action Run)> Operations { get; }
}

/// <summary>An untrained VAE of the preset behind <see cref="SoundModel"/> (speed does not depend on the weights).</summary>
public sealed class VaeInferenceSubject : IInferenceBenchmarkSubject
{
    private readonly SoundModel model;

    public VaeInferenceSubject(VaeArchitecture architecture)
    {
        torch.manual_seed(0);
        var network = new WaveformVae(architecture);
        Parameters = network.ParameterCount;
        model = new SoundModel(network, new ModelMetadata());
        var random = new Random(0);
        MonoAudio Noise() => new(Enumerable.Range(0, ModelInputFormat.LengthSamples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(),
            ModelInputFormat.SampleRateHz);
        MonoAudio a = Noise(), b = Noise();
        float[] z = model.Encode(a);
        Preset = architecture.Preset;
        DecodeFlops = ComputeLimit.VaeDecodeFlops(architecture);
        Operations =
        [
            ("encode", () => model.Encode(a)),
            ("decode", () => model.Decode(z)),
            ("interpolate", () => model.Interpolate(a, b, 0.5)),
        ];
    }

    public string Family => BenchmarkFamilies.Vae;
    public string Preset { get; }
    public long Parameters { get; }
    public double DecodeFlops { get; }
    public IReadOnlyList<(string Name, Action Run)> Operations { get; }

    public void Dispose() => model.Dispose();
}

/// <summary>Milliseconds of each creation call (median, min, max of the repeats) with the sgemm rate of the same run.</summary>
public sealed record InferenceBenchmarkResult(
    string Family,
    string Preset,
    long Params,
    int Threads,
    IReadOnlyList<(string Name, RepeatStats Ms)> Operations,
    RepeatStats SgemmGflops,
    double DecodeFlops)
{
    public RepeatStats Ms(string name) => Operations.First(o => o.Name == name).Ms;

    /// <summary>Seconds of audio made per second of decoding (one second per decode), from the median.</summary>
    public double DecodeRealTimeFactor => 1000 / Ms("decode").Median;

    /// <summary>(decode FLOPs ÷ sgemm rate) ÷ decode time, from the medians.</summary>
    public double DecodeFractionOfLimit => DecodeFlops / (SgemmGflops.Median * 1e9) * 1000 / Ms("decode").Median;
}

/// <summary>Times each creation call after one untimed call; the sgemm rate is measured before and after.</summary>
public static class InferenceBenchmark
{
    public static InferenceBenchmarkResult Run(Func<IInferenceBenchmarkSubject> create, int threads, int repeats = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ComputeDevice.UseThreads(threads);
        (torch.Tensor a, torch.Tensor b) = ComputeLimit.WarmUpSgemm();
        using (a)
        using (b)
        using (IInferenceBenchmarkSubject subject = create())
        {
            var sgemm = new List<double> { ComputeLimit.MeasureSgemmGflops(a, b), ComputeLimit.MeasureSgemmGflops(a, b) };
            var operations = subject.Operations.Select(o => (o.Name, RepeatStats.TimeMilliseconds(repeats, o.Run))).ToList();
            sgemm.Add(ComputeLimit.MeasureSgemmGflops(a, b));
            sgemm.Add(ComputeLimit.MeasureSgemmGflops(a, b));
            return new InferenceBenchmarkResult(subject.Family, subject.Preset, subject.Parameters, torch.get_num_threads(), operations,
                RepeatStats.Of(sgemm), subject.DecodeFlops);
        }
    }
}
