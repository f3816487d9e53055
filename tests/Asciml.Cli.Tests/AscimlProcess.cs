using System.Diagnostics;

namespace Asciml.Cli.Tests;

/// <summary>What one run of the `asciml` executable printed and returned.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs the built `asciml` program as a child process, exactly as outside checks do.</summary>
public static class AscimlProcess
{
    private static readonly string AssemblyPath = Path.Combine(AppContext.BaseDirectory, "asciml.dll");

    public static CliResult Run(params string[] arguments) => Run(arguments, workingDirectory: null);

    public static CliResult Run(IEnumerable<string> arguments, string? workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Never touch the user's real workspace from a test.
        start.Environment["ASCIML_WORKSPACE"] = Path.Combine(Path.GetTempPath(), "asciml-cli-tests-default-workspace");
        start.Environment["NO_COLOR"] = "1";
        if (environment is not null)
        {
            foreach ((string name, string value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"asciml {string.Join(' ', arguments)} did not finish");
        }

        return new CliResult(process.ExitCode, output.Result, error.Result);
    }
}
