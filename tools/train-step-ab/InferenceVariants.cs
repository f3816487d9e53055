using System.Globalization;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// Inference on both presets with the per-layer convolution paths against the paths before the channels-last 2-D
/// layers (libtorch's conv1d where the rule now takes channels-last): encode
/// one second and decode one code, no gradients, round-robin in one process, CPU time per call (medians).
/// </summary>
internal static class InferenceVariants
{
    private static ConvolutionPath Before(string paths, ConvolutionPath now) =>
        paths == "before" && now == ConvolutionPath.ChannelsLast2d ? ConvolutionPath.Library : now;

    public static void Run(int rounds)
    {
        ComputeDevice.UseThreads(2);
        foreach (string preset in new[] { "lite", "paper" })
        {
            VaeArchitecture architecture = VaeArchitecture.FromPreset(preset);
            torch.manual_seed(0);
            using var network = new WaveformVae(architecture);
            network.eval();
            using Tensor waveform = randn(1, VaeArchitecture.InputSamples) * 0.2;
            using Tensor code = randn(1, architecture.LatentSize);
            var times = new Dictionary<(string, string), List<double>>();
            foreach (string paths in new[] { "per layer", "before" })
            {
                times[(paths, "encode")] = [];
                times[(paths, "decode")] = [];
            }

            for (int round = -1; round < rounds; round++)
            {
                foreach (string paths in new[] { "per layer", "before" })
                {
                    int encoderLayer = 0, decoderLayer = architecture.Filters.Count - 1;
                    foreach (var module in network.modules())
                    {
                        if (module is StridedConv1d convolution)
                        {
                            convolution.Path = Before(paths, ConvolutionPaths.For(encoderLayer++, architecture.Filters.Count));
                        }
                        else if (module is StridedConvTranspose1d transposed)
                        {
                            transposed.Path = Before(paths, ConvolutionPaths.For(decoderLayer--, architecture.Filters.Count));
                        }
                    }

                    using var noGrad = no_grad();
                    TimeSpan start = ComputeLimit.ProcessCpu();
                    using (var scope = NewDisposeScope())
                    {
                        network.Encode(waveform);
                    }

                    double encode = (ComputeLimit.ProcessCpu() - start).TotalMilliseconds;
                    start = ComputeLimit.ProcessCpu();
                    using (var scope = NewDisposeScope())
                    {
                        network.Decode(code);
                    }

                    double decode = (ComputeLimit.ProcessCpu() - start).TotalMilliseconds;
                    if (round >= 0)
                    {
                        times[(paths, "encode")].Add(encode);
                        times[(paths, "decode")].Add(decode);
                    }
                }
            }

            foreach (var ((paths, part), values) in times)
            {
                var stats = Asciml.Core.Benchmarking.RepeatStats.Of(values);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{preset,-6} {paths,-13} {part}: CPU ms median {stats.Median:0.00} (min {stats.Min:0.00}), load {File.ReadAllText("/proc/loadavg")[..14]}"));
            }
        }
    }
}
