using System.CommandLine;
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
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
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
