using System.Diagnostics;
using Asciml.Core.Benchmarking;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>
/// One model family's network with its trainer's real step, as `bench train` times it. A family plugs in by
/// implementing this (a fresh network and optimizer, seeded) and adding a case to <see cref="BenchmarkFamilies"/>.
/// </summary>
public interface ITrainingBenchmarkSubject : IDisposable
{
    string Family { get; }
    string Preset { get; }
    long Parameters { get; }

    /// <summary>FLOPs of one training step per sample, computed from the architecture (see <see cref="ComputeLimit"/>).</summary>
    double FlopsPerSample { get; }

    /// <summary>The trainer's own step (forward, loss, backward, optimizer) on a batch (batch, 16000).</summary>
    void Step(Tensor batch);
}

/// <summary>The waveform VAE under <see cref="VaeTrainer.Step"/> with Adam, as <see cref="VaeTrainer.Train"/> builds them.</summary>
public sealed class VaeTrainingSubject : ITrainingBenchmarkSubject
{
    private readonly WaveformVae network;
    private readonly TorchSharp.Modules.Adam optimizer;
    private readonly LossSettings loss;

    public VaeTrainingSubject(VaeArchitecture architecture, LossSettings? loss = null, double learningRate = 1e-4)
    {
        this.loss = loss ?? LossSettings.Default;
        torch.manual_seed(0);
        network = new WaveformVae(architecture);
        network.train();
        optimizer = torch.optim.Adam(network.parameters(), learningRate);
        Preset = architecture.Preset;
        FlopsPerSample = ComputeLimit.VaeTrainingFlopsPerSample(architecture);
    }

    public string Family => BenchmarkFamilies.Vae;
    public string Preset { get; }
    public long Parameters => network.ParameterCount;
    public double FlopsPerSample { get; }

    public void Step(Tensor batch) => VaeTrainer.Step(network, optimizer, batch, loss, loss.Beta);

    public void Dispose()
    {
        optimizer.Dispose();
        network.Dispose();
    }
}

/// <summary>
/// Speed of training steps per sample, with the machine's limit measured in the same run: before each timed
/// step one 2048³ sgemm is timed, so a busy moment slows both. fraction_of_limit = (FLOPs per sample ÷ sgemm
/// rate) ÷ time per sample, from the medians.
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

/// <summary>Times training steps on a random one-second batch after two warm-up steps.</summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(Func<ITrainingBenchmarkSubject> create, int batchSize, int repeats, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ComputeDevice.UseThreads(threads);
        (Tensor a, Tensor b) = ComputeLimit.WarmUpSgemm();
        using (a)
        using (b)
        using (ITrainingBenchmarkSubject subject = create())
        {
            using var generator = new Generator(7);
            using Tensor batch = randn(new long[] { batchSize, VaeArchitecture.InputSamples }, generator: generator) * 0.2;
            subject.Step(batch);
            subject.Step(batch);
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
                subject.Step(batch);
                msPerSample[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / batchSize;
                cpuMsPerSample[i] = (ComputeLimit.ProcessCpu() - cpuStart).TotalMilliseconds / batchSize;
                paired[i] = subject.FlopsPerSample / (sgemm[i] * 1e9) * 1000 / msPerSample[i];
            }

            RepeatStats time = RepeatStats.Of(msPerSample);
            RepeatStats rate = RepeatStats.Of(sgemm);
            double limitMs = subject.FlopsPerSample / (rate.Median * 1e9) * 1000;
            return new TrainingBenchmarkResult(subject.Family, subject.Preset, subject.Parameters, batchSize, torch.get_num_threads(),
                time, subject.FlopsPerSample, rate, limitMs, limitMs / time.Median, RepeatStats.Of(paired),
                RepeatStats.Of(cpuMsPerSample), RepeatStats.Of(sgemmPerCpu.Where(double.IsFinite).DefaultIfEmpty(double.NaN)));
        }
    }
}
