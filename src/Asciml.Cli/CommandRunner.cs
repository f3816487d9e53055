using System.CommandLine;
using System.Runtime.InteropServices;
using Asciml.Core;

namespace Asciml.Cli;

/// <summary>Exit codes of the command-line contract.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int BadUsage = 2;
}

/// <summary>
/// A usage mistake found after parsing (a missing required combination, an unknown parameter name): exit code 2.
/// </summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Parses, runs, and turns failures into one-line messages with the contract's exit codes.</summary>
public static class CommandRunner
{
    /// <summary>How long a command may take to stop after Ctrl+C or SIGTERM before the process ends anyway.</summary>
    public static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(20);

    public static int Run(RootCommand root, GlobalOptions globals, string[] args)
    {
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"asciml: {parsed.Errors[0].Message} (see asciml --help)");
            return ExitCodes.BadUsage;
        }

        bool verbose = parsed.GetValue(globals.Verbose);
        // libtorch's own warnings (NNPACK's "Unsupported hardware" on every convolution) only with --verbose.
        Model.Vae.TorchRuntime.ShowNativeWarnings = verbose;
        try
        {
            // The first Ctrl+C or SIGTERM cancels the command's token instead of ending the process: a training
            // stops after its batch and writes the model. A second one, or TerminationGrace without the command
            // finishing (one that has nothing to save ignores the token), ends the process. System.CommandLine
            // 2.0.15 did not do this for us: the runtime killed the process (exit 143), so `train` lost up to 30 s
            // of work, or its whole model before the first checkpoint (tested: SigtermStopsATrainingThatKeepsItsModel).
            using var stop = new CancellationTokenSource();
            int signals = 0;
            void OnSignal(PosixSignalContext context)
            {
                if (Interlocked.Increment(ref signals) != 1)
                {
                    return;
                }

                context.Cancel = true;
                int exitCode = context.Signal == PosixSignal.SIGINT ? 130 : 143;
                Console.Error.WriteLine("asciml: stopping after the current step (Ctrl+C again stops at once)");
                stop.Cancel();
                _ = Task.Delay(TerminationGrace).ContinueWith(_ => Environment.Exit(exitCode), TaskScheduler.Default);
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            var configuration = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return parsed.InvokeAsync(configuration, stop.Token).GetAwaiter().GetResult();
        }
        catch (Exception error)
        {
            return Report(error, verbose);
        }
    }

    private static int Report(Exception error, bool verbose)
    {
        Exception shown = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : error;
        int code = shown is UsageException ? ExitCodes.BadUsage : ErrorKinds.ExitCode(ErrorKinds.Of(shown));
        string prefix = shown is AscimlException or UsageException or OperationCanceledException ? "" : $"{shown.GetType().Name}: ";
        Console.Error.WriteLine($"asciml: {prefix}{OneLine(shown.Message)}");
        if (verbose)
        {
            Console.Error.WriteLine(shown.ToString());
        }

        return code;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
