using System.Runtime.InteropServices;
using TorchSharp;

namespace Asciml.Model.Vae;

/// <summary>
/// Process-wide libtorch settings that TorchSharp does not expose, set through libtorch's own exported entry
/// points (the ones PyTorch's <c>torch.backends.nnpack.set_flags</c> and c10's log-level flag use):
/// NNPACK is switched off — it never runs for this project's strided convolutions, and on CPUs it does not
/// support its availability check prints "Could not initialize NNPACK! Reason: Unsupported hardware." on every
/// convolution — and libtorch's own log (c10 <c>LOG(WARNING)</c>) is limited to errors unless
/// <see cref="ShowNativeWarnings"/> is set (the CLI's <c>--verbose</c>).
/// </summary>
public static class TorchRuntime
{
    private const int LogLevelWarning = 1;
    private const int LogLevelError = 2;

    private static readonly Lock Gate = new();
    private static bool configured;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlag(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetFlag(IntPtr context);

    /// <summary>Keep libtorch's warnings (set before the first model is built; the CLI sets it for --verbose).</summary>
    public static bool ShowNativeWarnings { get; set; }

    /// <summary>Applies the settings once per process (loads libtorch if it is not loaded yet); safe to call often.</summary>
    public static void Configure()
    {
        lock (Gate)
        {
            if (configured)
            {
                return;
            }

            configured = true;
            torch.InitializeDeviceType(DeviceType.CPU);
            if (Context() is { } context)
            {
                Export<SetFlag>(context.Library, "_ZN2at7Context20setUserEnabledNNPACKEb")?.Invoke(context.Pointer, false);
            }

            if (LogLevelFlag() is { } flag)
            {
                Marshal.WriteInt32(flag, ShowNativeWarnings ? LogLevelWarning : LogLevelError);
            }
        }
    }

    /// <summary>libtorch's NNPACK switch (null where the entry point is missing).</summary>
    public static bool? NnpackEnabled =>
        Context() is { } context ? Export<GetFlag>(context.Library, "_ZNK2at7Context17userEnabledNNPACKEv")?.Invoke(context.Pointer) : null;

    /// <summary>libtorch's oneDNN (mkldnn) switch (null where the entry point is missing).</summary>
    public static bool? MkldnnEnabled =>
        Context() is { } context ? Export<GetFlag>(context.Library, "_ZNK2at7Context17userEnabledMkldnnEv")?.Invoke(context.Pointer) : null;

    /// <summary>Turns libtorch's oneDNN (mkldnn) paths on or off (for measuring the alternatives).</summary>
    public static void SetMkldnn(bool enabled)
    {
        Configure();
        if (Context() is { } context)
        {
            Export<SetFlag>(context.Library, "_ZN2at7Context20setUserEnabledMkldnnEb")?.Invoke(context.Pointer, enabled);
        }
    }

    /// <summary>c10's minimum log level: 0 info, 1 warning, 2 error (null where the flag is missing).</summary>
    public static int? NativeLogLevel => LogLevelFlag() is { } flag ? Marshal.ReadInt32(flag) : null;

    private static (IntPtr Library, IntPtr Pointer)? Context()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", out IntPtr library))
        {
            return null;
        }

        GlobalContext? global = Export<GlobalContext>(library, "_ZN2at13globalContextEv");
        return global is null ? null : (library, global());
    }

    private static IntPtr? LogLevelFlag()
    {
        torch.InitializeDeviceType(DeviceType.CPU);
        return NativeLibrary.TryLoad("libc10.so", out IntPtr library) && NativeLibrary.TryGetExport(library, "FLAGS_caffe2_log_level", out IntPtr flag)
            ? flag
            : null;
    }

    private static T? Export<T>(IntPtr library, string name) where T : Delegate =>
        NativeLibrary.TryGetExport(library, name, out IntPtr address) ? Marshal.GetDelegateForFunctionPointer<T>(address) : null;
}
