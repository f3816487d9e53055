using Asciml.Model.Training;
using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>
/// The paper encoder's last convolution (256 → 512 channels, kernel 66, stride 3, 229 → 55 frames) three ways with
/// the same multiply-adds: libtorch's Conv1d (oneDNN), its mirror ConvTranspose1d (the decoder's first layer), and
/// unfold + one matmul. GFLOP per CPU-second of forward and backward, next to sgemm's, on two threads.
/// </summary>
internal static class LayerVariants
{
    private const long MultiplyAdds = 55L * 512 * 256 * 66;

    public static void Run(int rounds, int batch)
    {
        ComputeDevice.UseThreads(2);
        (Tensor a, Tensor b) = ComputeLimit.WarmUpSgemm();
        torch.manual_seed(0);
        using var convolution = nn.Conv1d(256, 512, 66, stride: 3, bias: false);
        using var transposed = nn.ConvTranspose1d(512, 256, 66, stride: 3, output_padding: 1, bias: false);
        using Tensor weight = convolution.weight!.detach().reshape(512, 256 * 66).contiguous().requires_grad_(true);
        Tensor ViaMatmul(Tensor x) =>
            x.unfold(2, 66, 3).permute(0, 2, 1, 3).reshape(x.shape[0] * 55, 256 * 66).matmul(weight.t()).reshape(x.shape[0], 55, 512).permute(0, 2, 1);

        using (no_grad())
        {
            using Tensor x = randn(2, 256, 229);
            Console.WriteLine($"unfold + matmul vs Conv1d, largest difference: {(convolution.forward(x) - ViaMatmul(x)).abs().max().item<float>():g3}");
        }

        var variants = new (string Name, Func<Tensor, Tensor> Forward, long[] Input)[]
        {
            ("Conv1d (oneDNN)", x => convolution.forward(x), [batch, 256, 229]),
            ("ConvTranspose1d mirror", x => transposed.forward(x), [batch, 512, 55]),
            ("unfold + matmul", ViaMatmul, [batch, 256, 229]),
        };
        double flops = 2.0 * MultiplyAdds * batch;
        for (int round = 0; round < rounds; round++)
        {
            foreach (var variant in variants)
            {
                using var scope = NewDisposeScope();
                Tensor x = randn(variant.Input).requires_grad_(true);
                double sgemm = ComputeLimit.MeasureSgemmGflopsPerCpuSecond(a, b);
                TimeSpan start = ComputeLimit.ProcessCpu();
                Tensor y = variant.Forward(x);
                double forward = (ComputeLimit.ProcessCpu() - start).TotalSeconds;
                Tensor gradient = randn_like(y);
                start = ComputeLimit.ProcessCpu();
                (y * gradient).sum().backward();
                double backward = (ComputeLimit.ProcessCpu() - start).TotalSeconds;
                Console.WriteLine($"round {round} {variant.Name,-24} forward {flops / forward / 1e9,6:0.0}, backward {2 * flops / backward / 1e9,6:0.0} GFLOP per CPU-s; sgemm {sgemm,6:0.0}; load {File.ReadAllText("/proc/loadavg")[..5]}");
            }
        }

        a.Dispose();
        b.Dispose();
    }
}
