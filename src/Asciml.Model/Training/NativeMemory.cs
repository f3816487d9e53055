using System.Runtime.InteropServices;

namespace Asciml.Model.Training;

/// <summary>
/// Gives freed native memory back to the operating system. libtorch's activations are large blocks of varying
/// size; glibc's allocator raises its mmap threshold after the first ones are freed and then keeps later blocks
/// in its heap, where freed pages stay resident: without trimming, a `lite` training process grew to ~2–3 GB
/// although its tensors need ~300 MB. Fixing the threshold instead (MALLOC_MMAP_THRESHOLD_) costs 40–90 % speed;
/// an occasional malloc_trim costs almost nothing. A no-op where glibc is absent.
/// </summary>
internal static class NativeMemory
{
    private static bool _available = OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (!_available)
        {
            return;
        }

        try
        {
            _ = malloc_trim(UIntPtr.Zero);
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            _available = false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(UIntPtr pad);
}
