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
    public static TrainingBenchmarkResult Run(IModelArchitecture architecture, int batchSize, int steps, int threads, LossSettings? loss = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ComputeDevice.UseThreads(threads);
        LossSettings settings = loss ?? LossSettings.Default;
        torch.manual_seed(0);
        using SoundVae network = architecture.Build();
        network.train();
        using var optimizer = torch.optim.Adam(network.parameters(), 1e-4);
        using Tensor batch = randn(batchSize, VaeArchitecture.InputSamples) * 0.2;
        using Tensor? controls = network.Controls(
            Enumerable.Range(0, batchSize).Select(i => new Core.Audio.MonoAudio(batch[i].data<float>().ToArray(), Core.Audio.ModelInputFormat.SampleRateHz)).ToArray(),
            CPU);

        void Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            using VaeOutput output = network.Forward(batch, controls);
            using LossTerms terms = network.Loss(output, batch, settings, settings.Beta);
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
