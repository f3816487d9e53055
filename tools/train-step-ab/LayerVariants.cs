using System.Globalization;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// Every (transposed) convolution of a waveform preset, each on both <see cref="ConvolutionPath"/>s (libtorch's
/// oneDNN convolution and unfold/fold + one matmul, the same module and weights): forward and backward GFLOP per
/// CPU-second, interleaved round by round with an sgemm measurement, and the largest difference between the paths.
/// </summary>
internal static class LayerVariants
{
    public static void Run(int rounds, int batch, string preset)
    {
        ComputeDevice.UseThreads(2);
        (Tensor a, Tensor b) = ComputeLimit.WarmUpSgemm();
        VaeArchitecture architecture = VaeArchitecture.FromPreset(preset);
        IReadOnlyList<int> lengths = architecture.EncoderLengths();
        torch.manual_seed(0);
        var layers = new List<(string Name, nn.Module<Tensor, Tensor> Module, Action<ConvolutionPath> Use, long[] Input, double MultiplyAdds)>();
        int channels = 1;
        for (int layer = 0; layer < architecture.Filters.Count; layer++)
        {
            var convolution = new StridedConv1d(channels, architecture.Filters[layer], architecture.KernelSize, architecture.Strides[layer], ConvolutionPath.Library);
            layers.Add(($"enc {layer} {channels}→{architecture.Filters[layer]}", convolution, p => convolution.Path = p,
                [batch, channels, lengths[layer]], (double)lengths[layer + 1] * architecture.Filters[layer] * channels * architecture.KernelSize));
            channels = architecture.Filters[layer];
        }

        for (int layer = architecture.Filters.Count - 1; layer >= 0; layer--)
        {
            int inChannels = architecture.Filters[layer];
            int outChannels = layer == 0 ? 1 : architecture.Filters[layer - 1];
            int stride = architecture.Strides[layer];
            int outputPadding = lengths[layer] - ((lengths[layer + 1] - 1) * stride + architecture.KernelSize);
            var transposed = new StridedConvTranspose1d(inChannels, outChannels, architecture.KernelSize, stride, outputPadding, ConvolutionPath.Library);
            layers.Add(($"dec {layer} {inChannels}→{outChannels}", transposed, p => transposed.Path = p,
                [batch, inChannels, lengths[layer + 1]], (double)lengths[layer + 1] * inChannels * outChannels * architecture.KernelSize));
        }

        foreach (var layer in layers)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor x = randn(layer.Input);
            layer.Use(ConvolutionPath.Library);
            Tensor reference = layer.Module.forward(x);
            layer.Use(ConvolutionPath.Matmul);
            Tensor matmul = layer.Module.forward(x);
            layer.Use(ConvolutionPath.ChannelsLast2d);
            Tensor channelsLast = layer.Module.forward(x);
            Console.WriteLine($"{layer.Name,-16} largest difference to the library path: matmul {(reference - matmul).abs().max().item<float>():g3}, channels-last 2-D {(reference - channelsLast).abs().max().item<float>():g3} (values up to {reference.abs().max().item<float>():g3})");
        }

        ConvolutionPath[] paths = [ConvolutionPath.Library, ConvolutionPath.Matmul, ConvolutionPath.ChannelsLast2d];
        var forward = new Dictionary<(int, ConvolutionPath), List<double>>();
        var backward = new Dictionary<(int, ConvolutionPath), List<double>>();
        var sgemm = new List<double>();
        for (int round = -1; round < rounds && rounds > 0; round++)
        {
            sgemm.Add(ComputeLimit.MeasureSgemmGflopsPerCpuSecond(a, b));
            for (int i = 0; i < layers.Count; i++)
            {
                foreach (ConvolutionPath path in paths)
                {

                    using var scope = NewDisposeScope();
                    var layer = layers[i];
                    layer.Use(path);
                    Tensor x = randn(layer.Input).requires_grad_(true);
                    TimeSpan start = ComputeLimit.ProcessCpu();
                    Tensor y = layer.Module.forward(x);
                    double forwardS = (ComputeLimit.ProcessCpu() - start).TotalSeconds;
                    Tensor gradient = randn_like(y);
                    start = ComputeLimit.ProcessCpu();
                    y.backward([gradient]);
                    double backwardS = (ComputeLimit.ProcessCpu() - start).TotalSeconds;
                    if (round >= 0)
                    {
                        (forward.TryGetValue((i, path), out var f) ? f : forward[(i, path)] = []).Add(forwardS);
                        (backward.TryGetValue((i, path), out var g) ? g : backward[(i, path)] = []).Add(backwardS);
                    }
                }
            }

            Console.WriteLine($"round {round} done, load {File.ReadAllText("/proc/loadavg")[..14]}");
        }

        static double Median(List<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        Console.WriteLine($"{preset}, batch {batch}, {rounds} rounds, sgemm median {Median(sgemm):0.0} GFLOP per CPU-s; CPU ms forward + backward (medians; GFLOP per CPU-s forward/backward)");
        var totals = paths.ToDictionary(p => p, _ => 0.0);
        double totalBest = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            double flops = 2.0 * layers[i].MultiplyAdds * batch;
            var cells = new List<string>();
            double best = double.MaxValue;
            foreach (ConvolutionPath path in paths)
            {
                double f = Median(forward[(i, path)]), g = Median(backward[(i, path)]);
                totals[path] += f + g;
                best = Math.Min(best, f + g);
                cells.Add(string.Create(CultureInfo.InvariantCulture, $"{path} {(f + g) * 1000,6:0.0} ms ({f * 1000:0.0} + {g * 1000:0.0}; {flops / f / 1e9:0}/{2 * flops / g / 1e9:0})"));
            }

            totalBest += best;
            Console.WriteLine($"{layers[i].Name,-16} {string.Join(" | ", cells)}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all layers, CPU ms per batch of {batch}: {string.Join(", ", totals.Select(t => $"{t.Key} {t.Value * 1000:0.0}"))}, best per layer {totalBest * 1000:0.0}"));
        a.Dispose();
        b.Dispose();
    }
}
