using Asciml.Core.Audio;
using Asciml.Core.Benchmarking;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;

namespace Asciml.Model.Creation;

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

    /// <summary>(decode FLOPs ÷ sgemm rate) ÷ decode time, from the medians (NaN when the family's count is unknown).</summary>
    public double DecodeFractionOfLimit => DecodeFlops / (SgemmGflops.Median * 1e9) * 1000 / Ms("decode").Median;
}

/// <summary>
/// Times the creation calls on two pitched sounds of the synthesis corpus — encode one sound, decode one code (one second of audio), interpolate (encode two,
/// decode one) — through <see cref="SoundModel"/> on an untrained network of any family (speed does not depend
/// on the weights); each after one untimed call. The sgemm rate is measured before and after.
/// </summary>
public static class InferenceBenchmark
{
    public static InferenceBenchmarkResult Run(IModelArchitecture architecture, int threads, int repeats = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ComputeDevice.UseThreads(threads);
        (torch.Tensor a, torch.Tensor b) = ComputeLimit.WarmUpSgemm();
        using (a)
        using (b)
        {
            torch.manual_seed(0);
            SoundVae network = architecture.Build();
            long parameters = network.ParameterCount;
            using var model = new SoundModel(network, new ModelMetadata());
            // Two pitched sounds of the synthesis corpus, as a musician's dataset has them. White noise (used before
            // 2026-11-28) is the pitch tracker's worst case — every frame unvoiced and retried with the long window —
            // and made the timbre family's encode 28 ms where real clips take 6–7 (docs/QUALITY.md).
            MonoAudio[] pitched = Core.Synthesis.PretrainingCorpus.Create(16, seed: 1).Select(s => ModelInput.FromAudio(s.Audio))
                .Where(a => Core.Features.ControlCurves.Extract(a).IsPitched).Take(2).ToArray();
            MonoAudio first = pitched[0], second = pitched[1];
            float[] code = model.Encode(first);
            var sgemm = new List<double> { ComputeLimit.MeasureSgemmGflops(a, b), ComputeLimit.MeasureSgemmGflops(a, b) };
            var operations = new (string Name, Action Run)[]
            {
                ("encode", () => model.Encode(first)),
                ("decode", () => model.Decode(code)),
                ("interpolate", () => model.Interpolate(first, second, 0.5)),
            }.Select(o => (o.Name, RepeatStats.TimeMilliseconds(repeats, o.Run))).ToList();
            sgemm.Add(ComputeLimit.MeasureSgemmGflops(a, b));
            sgemm.Add(ComputeLimit.MeasureSgemmGflops(a, b));
            return new InferenceBenchmarkResult(architecture.Family, architecture.Preset, parameters, torch.get_num_threads(), operations,
                RepeatStats.Of(sgemm), ComputeLimit.DecodeFlops(architecture));
        }
    }
}
