using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Asciml.Model.Vae;

/// <summary>
/// How long libtorch's OpenMP threads (GNU libgomp, shipped inside TorchSharp-cpu) busy-wait for work before they
/// sleep. libgomp's default is 300 000 spins; on a machine whose cores are also busy with anything else (a build,
/// a browser, a second libtorch thread team in the same process) the spinning thread holds the core its partner
/// needs, and a timbre training step (batch 16, 2 threads) took 3.0–5.3 s at load 4–8 against 0.37–1.1 s with
/// 10 000 spins and 0.65–1.6 s with one thread (docs/BENCHMARKS.md, "OpenMP spinning"). libgomp reads the setting
/// once, when libtorch loads, so it is set in the native environment as this assembly loads, before any libtorch
/// call, and only when the user has not set <c>GOMP_SPINCOUNT</c> or <c>OMP_WAIT_POLICY</c> themselves.
/// </summary>
public static class OpenMpSpinning
{
    public const string Variable = "GOMP_SPINCOUNT";
    public const int DefaultSpinCount = 10_000;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GetEnvironment([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    /// <summary>The spin count libgomp was (or will be) given in this process's native environment; null when unset.</summary>
    public static string? Current => Read(Variable);

#pragma warning disable CA2255 // libgomp reads its environment once, when libtorch loads: this must run before any code of this assembly can load it.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void BeforeLibtorchLoads()
    {
        if (Read(Variable) is null && Read("OMP_WAIT_POLICY") is null && Libc() is IntPtr libc
            && NativeLibrary.TryGetExport(libc, "setenv", out IntPtr address))
        {
            _ = Marshal.GetDelegateForFunctionPointer<SetEnvironment>(address)(Variable, DefaultSpinCount.ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
        }
    }

    /// <summary>The native environment (what libgomp sees), not .NET's copy of it taken at start-up.</summary>
    private static string? Read(string name)
    {
        if (Libc() is not IntPtr libc || !NativeLibrary.TryGetExport(libc, "getenv", out IntPtr address))
        {
            return Environment.GetEnvironmentVariable(name);
        }

        IntPtr value = Marshal.GetDelegateForFunctionPointer<GetEnvironment>(address)(name);
        return value == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(value);
    }

    private static IntPtr? Libc() =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out IntPtr libc) ? libc : null;
}
