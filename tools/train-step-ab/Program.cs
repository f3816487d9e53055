using System.Diagnostics;
using Asciml.Core.Benchmarking;
using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

// Variants of the paper network's training step, interleaved round by round in one process so that the machine's
// load hits all of them alike. Each timed step is preceded by an sgemm measurement; wall and CPU time per sample
// are printed. Usage: dotnet run -c Release -- [rounds] [threads] [variant indices, e.g. 0125] (AB_PRESET=lite for lite)
// `dotnet run -c Release -- layers [rounds] [batch] [preset]` instead compares both paths of every convolution (see LayerVariants);
// `-- infer [rounds]` encode/decode with both path choices (InferenceVariants); `-- determinism` checks libtorch's conv_transpose1d.
if (args.Length > 0 && args[0] == "determinism")
{
    Determinism.Run();
    return;
}

if (args.Length > 0 && args[0] == "infer")
{
    InferenceVariants.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 9);
    return;
}

if (args.Length > 0 && args[0] == "layers")
{
    LayerVariants.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 16, args.Length > 3 ? args[3] : "paper");
    return;
}

int rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 4;
int threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
ComputeDevice.UseThreads(threads);
VaeArchitecture architecture = VaeArchitecture.FromPreset(Environment.GetEnvironmentVariable("AB_PRESET") ?? "paper");
(Tensor sgemmA, Tensor sgemmB) = ComputeLimit.WarmUpSgemm();
Console.WriteLine($"{BenchmarkEnvironment.ReadCpuModel()}, {threads} threads, load {File.ReadAllText("/proc/loadavg").Trim()}");

torch.manual_seed(0);
using var network = new WaveformVae(architecture);
network.train();
using var optimizer = torch.optim.Adam(network.parameters(), 1e-4);
LossSettings loss = LossSettings.Default;
LossSettings mseOnly = loss with { StftWeight = 0 };
var batches = new Dictionary<int, Tensor> { [8] = randn(8, 16000) * 0.2, [16] = randn(16, 16000) * 0.2, [32] = randn(32, 16000) * 0.2 };
double flops = ComputeLimit.VaeTrainingFlopsPerSample(architecture);

void WithoutOptimizer(Tensor x)
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    using VaeOutput output = network.Forward(x, null);
    using LossTerms terms = network.Loss(output, x, loss, loss.SteadyEpoch);
    terms.Values();
    terms.Total.backward();
}

// The (transposed) convolutions' paths: each layer's default (ConvolutionPaths.For), or all one path.
void UsePaths(ConvolutionPath? all)
{
    var encoderLayer = 0;
    var decoderLayer = architecture.Filters.Count - 1;
    foreach (var module in network.modules())
    {
        if (module is StridedConv1d convolution)
        {
            convolution.Path = Choose(all, ConvolutionPaths.For(encoderLayer++, architecture.Filters.Count));
        }
        else if (module is StridedConvTranspose1d transposed)
        {
            transposed.Path = Choose(all, ConvolutionPaths.For(decoderLayer--, architecture.Filters.Count));
        }
    }
}

static ConvolutionPath Choose(ConvolutionPath? all, ConvolutionPath layerDefault) =>
    all == ConvolutionPath.ChannelsLast2d ? (layerDefault == ConvolutionPath.Library ? all.Value : layerDefault) : all ?? layerDefault;

var variants = new (string Name, int Batch, Action<Tensor> Run, bool Mkldnn, ConvolutionPath? Paths)[]
{
    ("b16 step (baseline)", 16, x => VaeTrainer.Step(network, optimizer, x, null, loss, loss.SteadyEpoch), true, null),
    ("b16 step, mkldnn off", 16, x => VaeTrainer.Step(network, optimizer, x, null, loss, loss.SteadyEpoch), false, null),
    ("b32 step", 32, x => VaeTrainer.Step(network, optimizer, x, null, loss, loss.SteadyEpoch), true, null),
    ("b8 step", 8, x => VaeTrainer.Step(network, optimizer, x, null, loss, loss.SteadyEpoch), true, null),
    ("b16 no optimizer step", 16, WithoutOptimizer, true, null),
    ("b16 mse-only loss step", 16, x => VaeTrainer.Step(network, optimizer, x, null, mseOnly, loss.SteadyEpoch), true, null),
    ("b16 step, all libtorch convs", 16, x => VaeTrainer.Step(network, optimizer, x, null, loss, loss.SteadyEpoch), true, ConvolutionPath.Library),
    ("b16 step, all matmul convs", 16, x => VaeTrainer.Step(network, optimizer, x, null, loss, loss.SteadyEpoch), true, ConvolutionPath.Matmul),
    ("b16 step, middle convs channels-last 2-D", 16, x => VaeTrainer.Step(network, optimizer, x, null, loss, loss.SteadyEpoch), true, ConvolutionPath.ChannelsLast2d),
};
if (args.Length > 2)
{
    variants = variants.Where((_, i) => args[2].Contains(i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToArray();
}

foreach (var variant in variants)
{
    TorchRuntime.SetMkldnn(variant.Mkldnn);
    UsePaths(variant.Paths);
    variant.Run(batches[variant.Batch]); // warm-up
}

var wall = variants.Select(_ => new List<double>()).ToList();
var cpu = variants.Select(_ => new List<double>()).ToList();
var sgemm = variants.Select(_ => new List<double>()).ToList();
var sgemmCpu = variants.Select(_ => new List<double>()).ToList();
for (int round = 0; round < rounds; round++)
{
    for (int i = 0; i < variants.Length; i++)
    {
        var variant = variants[i];
        TorchRuntime.SetMkldnn(variant.Mkldnn);
        UsePaths(variant.Paths);
        double rate = ComputeLimit.MeasureSgemmGflops(sgemmA, sgemmB);
        double ratePerCpu = ComputeLimit.MeasureSgemmGflopsPerCpuSecond(sgemmA, sgemmB);
        TimeSpan cpuStart = ComputeLimit.ProcessCpu();
        long start = Stopwatch.GetTimestamp();
        variant.Run(batches[variant.Batch]);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds / variant.Batch;
        double cpuMs = (ComputeLimit.ProcessCpu() - cpuStart).TotalMilliseconds / variant.Batch;
        wall[i].Add(ms);
        cpu[i].Add(cpuMs);
        sgemm[i].Add(rate);
        sgemmCpu[i].Add(ratePerCpu);
        Console.WriteLine($"  round {round} {variant.Name,-24} {ms,8:0.0} ms/sample  cpu {cpuMs,7:0.0} ms/sample  sgemm {rate,6:0.0} GFLOP/s ({ratePerCpu,5:0.0} per CPU-s)  load {File.ReadAllText("/proc/loadavg")[..5]}");
    }
}

for (int i = 0; i < variants.Length; i++)
{
    RepeatStats w = RepeatStats.Of(wall[i]), c = RepeatStats.Of(cpu[i]), g = RepeatStats.Of(sgemm[i]), gc = RepeatStats.Of(sgemmCpu[i]);
    Console.WriteLine($"{variants[i].Name,-24} wall ms/sample median {w.Median,7:0.0} (min {w.Min,7:0.0}), fraction {flops / (g.Median * 1e9) * 1000 / w.Median:0.000} | " +
                      $"CPU ms/sample median {c.Median,6:0.0}, cpu fraction {flops / (gc.Median * 1e9) * 1000 / c.Median:0.000}");
}
