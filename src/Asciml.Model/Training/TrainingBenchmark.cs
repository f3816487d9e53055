using System.Diagnostics;
using Asciml.Core.Audio;
using Asciml.Core.Benchmarking;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>
/// Speed of training steps per sample, with the machine's limit measured in the same run: before each timed
/// step one 2048³ sgemm is timed, so a busy moment slows both. fraction_of_limit = (FLOPs per sample ÷ sgemm
/// rate) ÷ time per sample, from the medians; the CPU-time version divides CPU times instead of wall times.
/// </summary>
public sealed record TrainingBenchmarkResult(
    string Family,
    string Preset,
    long Params,
    int BatchSize,
    int Threads,
    RepeatStats MsPerSample,
    double FlopsPerSample,
    RepeatStats SgemmGflops,
    double LimitMsPerSample,
    double FractionOfLimit,
    RepeatStats PairedFraction,
    RepeatStats CpuMsPerSample,
    RepeatStats SgemmGflopsPerCpuSecond)
{
    /// <summary>
    /// The same ratio in CPU time: (FLOPs per sample ÷ sgemm FLOPs per CPU-second) ÷ CPU seconds per sample. On a
    /// machine busier than its cores it is the steadier figure (time the process waited for a core counts in
    /// neither); on a quiet machine it matches <see cref="FractionOfLimit"/> unless threads spin idle.
    /// </summary>
    public double CpuFractionOfLimit => FlopsPerSample / (SgemmGflopsPerCpuSecond.Median * 1e9) * 1000 / CpuMsPerSample.Median;
}

/// <summary>
/// Times <see cref="VaeTrainer.Step"/> — the trainer's own step — on a fresh, seeded network of any family
/// (<see cref="IModelArchitecture.Build"/>), with the conditioning the trainer would give it
/// (<see cref="SoundVae.Controls"/>), on a random one-second batch after two warm-up steps.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(IModelArchitecture architecture, int batchSize, int repeats, int threads, LossSettings? loss = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ComputeDevice.UseThreads(threads);
        LossSettings settings = loss ?? LossSettings.Default;
        double flopsPerSample = ComputeLimit.TrainingFlopsPerSample(architecture);
        (Tensor a, Tensor b) = ComputeLimit.WarmUpSgemm();
        using (a)
        using (b)
        {
            torch.manual_seed(0);
            using SoundVae network = architecture.Build();
            network.train();
            using var optimizer = torch.optim.Adam(network.parameters(), 1e-4);
            using var generator = new Generator(7);
            using Tensor batch = randn(new long[] { batchSize, ModelInputFormat.LengthSamples }, generator: generator) * 0.2;
            using Tensor? controls = network.Controls(
                Enumerable.Range(0, batchSize).Select(i => new MonoAudio(batch[i].data<float>().ToArray(), ModelInputFormat.SampleRateHz)).ToArray(),
                CPU);

            // The steady state: past every warm-up, so the waveform networks pay for the spectral loss they train with.
            void Step() => VaeTrainer.Step(network, optimizer, batch, controls, settings, settings.SteadyEpoch);

            Step();
            Step();
            var msPerSample = new double[repeats];
            var sgemm = new double[repeats];
            var paired = new double[repeats];
            var cpuMsPerSample = new double[repeats];
            var sgemmPerCpu = new double[repeats];
            for (int i = 0; i < repeats; i++)
            {
                sgemm[i] = ComputeLimit.MeasureSgemmGflops(a, b);
                sgemmPerCpu[i] = ComputeLimit.MeasureSgemmGflopsPerCpuSecond(a, b);
                TimeSpan cpuStart = ComputeLimit.ProcessCpu();
                long start = Stopwatch.GetTimestamp();
                Step();
                msPerSample[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / batchSize;
                cpuMsPerSample[i] = (ComputeLimit.ProcessCpu() - cpuStart).TotalMilliseconds / batchSize;
                paired[i] = flopsPerSample / (sgemm[i] * 1e9) * 1000 / msPerSample[i];
            }

            RepeatStats time = RepeatStats.Of(msPerSample);
            RepeatStats rate = RepeatStats.Of(sgemm);
            double limitMs = flopsPerSample / (rate.Median * 1e9) * 1000;
            return new TrainingBenchmarkResult(architecture.Family, architecture.Preset, network.ParameterCount, batchSize, torch.get_num_threads(),
                time, flopsPerSample, rate, limitMs, limitMs / time.Median, RepeatStats.Of(paired),
                RepeatStats.Of(cpuMsPerSample), RepeatStats.Of(sgemmPerCpu.Where(double.IsFinite).DefaultIfEmpty(double.NaN)));
        }
    }
}
