using Spectre.Console;

namespace Asciml.Cli;

/// <summary>
/// Where the CLI talks to a person. Progress bars and notes go to stderr so that stdout stays clean for
/// machine-readable output (csv, json) that outside checks parse.
/// </summary>
public static class Terminal
{
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Console.Error),
    });

    /// <summary>Runs work under a progress bar on stderr (plain text lines when stderr is not a terminal).</summary>
    public static T WithProgress<T>(string description, double total, Func<Action<double>, T> work)
    {
        return Error.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(description, maxValue: Math.Max(total, 1));
                return work(value => task.Value = value);
            });
    }
}
