using System.Diagnostics;
using Asciml.Core.Audio;
using Asciml.Model.Vae;
using TorchSharp;

namespace Asciml.Model.Creation;

/// <summary>Milliseconds for encoding one sound, decoding one latent, and a full interpolation (encode two, decode one).</summary>
public sealed record InferenceBenchmarkResult(string Preset, double EncodeMs, double DecodeMs, double InterpolateMs, int Threads);

/// <summary>Times the creation calls on an untrained network of the preset (speed does not depend on the weights).</summary>
public static class InferenceBenchmark
{
    public static InferenceBenchmarkResult Run(IModelArchitecture architecture, int threads, int repeats = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        ComputeDevice.UseThreads(threads);
        torch.manual_seed(0);
        using var model = new SoundModel(architecture.Build(), new ModelMetadata());
        var random = new Random(0);
        MonoAudio Noise() => new(Enumerable.Range(0, ModelInputFormat.LengthSamples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(),
            ModelInputFormat.SampleRateHz);
        MonoAudio a = Noise(), b = Noise();
        float[] z = model.Encode(a);

        double Median(Action action)
        {
            action();
            var times = new double[repeats];
            for (int i = 0; i < repeats; i++)
            {
                var clock = Stopwatch.StartNew();
                action();
                times[i] = clock.Elapsed.TotalMilliseconds;
            }

            Array.Sort(times);
            return Math.Round(times[repeats / 2], 2);
        }

        double encode = Median(() => model.Encode(a));
        double decode = Median(() => model.Decode(z));
        double interpolate = Median(() => model.Interpolate(a, b, 0.5));
        return new InferenceBenchmarkResult(architecture.Preset, encode, decode, interpolate, torch.get_num_threads());
    }
}
