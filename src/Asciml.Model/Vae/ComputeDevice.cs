using Asciml.Core;
using TorchSharp;
using static TorchSharp.torch;

namespace Asciml.Model.Vae;

/// <summary>Chooses where tensors live: the CPU, or CUDA when asked for and present.</summary>
public static class ComputeDevice
{
    /// <summary>`cpu`, `cuda`, or `auto` (CUDA if available, else the CPU).</summary>
    public static Device Resolve(string? name)
    {
        TorchRuntime.Configure();
        string choice = string.IsNullOrWhiteSpace(name) ? "cpu" : name.Trim().ToLowerInvariant();
        return choice switch
        {
            "cpu" => CPU,
            "auto" => cuda.is_available() ? CUDA : CPU,
            "cuda" when cuda.is_available() => CUDA,
            "cuda" => throw new AscimlException("device 'cuda' was asked for but no CUDA device is available: use --device cpu"),
            _ => throw new AscimlException($"unknown device '{name}': use cpu, cuda or auto"),
        };
    }

    /// <summary>Sets how many CPU threads libtorch uses (values below 1 leave the current setting).</summary>
    public static void UseThreads(int threads)
    {
        TorchRuntime.Configure();
        if (threads >= 1)
        {
            torch.set_num_threads(threads);
        }
    }
}
