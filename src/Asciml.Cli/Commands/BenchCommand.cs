using System.CommandLine;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench …`: performance figures as one JSON object on stdout (recorded in docs/BENCHMARKS.md).</summary>
public static class BenchCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var bench = new Command("bench", "Measure speed; prints one JSON object");
        foreach (Command subcommand in new Command[]
        {
            // bench subcommands (one line each)
            BenchImportCommand.Create(globals),
            BenchFeaturesCommand.Create(globals),
            BenchSynthCommand.Create(globals),
            BenchTrainCommand.Create(globals),
            BenchInferCommand.Create(globals),
            BenchQualityCommand.Create(globals),
        })
        {
            bench.Subcommands.Add(subcommand);
        }

        _ = globals;
        return bench;
    }

    public static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object (the only output format)" };
}
