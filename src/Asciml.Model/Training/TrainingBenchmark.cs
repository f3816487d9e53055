using System.Diagnostics;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Training;

/// <summary>Speed of one training step (forward, loss, backward, Adam), per sample.</summary>
public sealed record TrainingBenchmarkResult(string Preset, long Params, double MsPerSample, int BatchSize, int Steps, int Threads);

/// <summary>Times training steps on random one-second batches after two warm-up steps.</summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(VaeArchitecture architecture, int batchSize, int steps, int threads, LossSettings? loss = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ComputeDevice.UseThreads(threads);
        LossSettings settings = loss ?? LossSettings.Default;
        torch.manual_seed(0);
        using var network = new WaveformVae(architecture);
        network.train();
        using var optimizer = torch.optim.Adam(network.parameters(), 1e-4);
        using Tensor batch = randn(batchSize, VaeArchitecture.InputSamples) * 0.2;

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            using VaeOutput output = network.forward(batch);
            using LossTerms terms = VaeLoss.Compute(output, batch, settings, settings.Beta);
            terms.Total.backward();
            optimizer.step();
        }

        Step();
        Step();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++)
        {
            Step();
        }

        double msPerSample = clock.Elapsed.TotalMilliseconds / steps / batchSize;
        return new TrainingBenchmarkResult(architecture.Preset, network.ParameterCount, Math.Round(msPerSample, 2), batchSize, steps,
            torch.get_num_threads());
    }
}
