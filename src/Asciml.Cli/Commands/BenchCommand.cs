using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Asciml.Cli.Commands;

/// <summary>
/// `asciml bench …`: performance figures as one JSON object on stdout (tools/benchmarks.sh turns them into
/// docs/BENCHMARKS.md). Every object carries the machine and its load: CPU model, logical cores, threads,
/// load average before and after, process CPU time, and the median and min of the repeats.
/// </summary>
public static class BenchCommand
{
    public const int DefaultRepeats = 5;

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

    public static Option<int> RepeatsOption(int defaultRepeats = DefaultRepeats, params string[] aliases) =>
        new("--repeats", aliases) { Description = "Timed repetitions (median and min are printed)", DefaultValueFactory = _ => defaultRepeats };

    public static int Repeats(ParseResult parseResult, Option<int> option)
    {
        int repeats = parseResult.GetValue(option);
        if (repeats < 1)
        {
            throw new UsageException("--repeats must be at least 1");
        }

        return repeats;
    }

    /// <summary>A rounded number, or null (JSON has no NaN) when a family has no FLOP count.</summary>
    public static double? Finite(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits) : null;

    public static int Print(JsonObject json)
    {
        // libtorch's thread teams busy-wait this long (docs/BENCHMARKS.md, "OpenMP spinning"): part of the setup.
        json["omp_spin_count"] = Model.Vae.OpenMpSpinning.Current;
        Console.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        return ExitCodes.Success;
    }
}
