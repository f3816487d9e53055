using Asciml.Model.Vae;
using TorchSharp;
using static TorchSharp.torch;

/// <summary>Calls libtorch's conv_transpose1d twice on the same input and prints the largest difference.</summary>
internal static class Determinism
{
    public static void Run()
    {
        foreach (int threads in new[] { 1, 2 })
        {
            ComputeDevice.UseThreads(threads);
            foreach ((int cin, int cout, int k, int s, int op, int len) in new[] { (512, 256, 66, 3, 1, 55), (256, 128, 66, 4, 2, 229), (512, 256, 66, 3, 0, 55), (512, 256, 64, 4, 0, 55), (64, 32, 66, 3, 1, 55), (128, 64, 66, 3, 1, 55), (256, 128, 66, 3, 1, 55), (512, 256, 66, 4, 1, 55) })
            {
                foreach (int batch in new[] { 1, 2, 4, 8, 16 })
                {
                    using var scope = NewDisposeScope();
                    using var noGrad = no_grad();
                    torch.manual_seed(1);
                    Tensor x = randn(batch, cin, len);
                    Tensor w = randn(cin, cout, k) * 0.01;
                    Tensor a = nn.functional.conv_transpose1d(x, w, null, stride: s, output_padding: op).clone();
                    Tensor b = nn.functional.conv_transpose1d(x, w, null, stride: s, output_padding: op).clone();
                    Tensor c = nn.functional.conv_transpose1d(x.narrow(0, 0, 1), w, null, stride: s, output_padding: op).clone();
                    Console.WriteLine($"threads {threads} {cin}->{cout} k{k} s{s} op{op} batch {batch}: twice {(a - b).abs().max().item<float>():g3}, sample 0 alone {(a.narrow(0, 0, 1) - c).abs().max().item<float>():g3}, max {a.abs().max().item<float>():g3}");
                }
            }
        }
    }
}
