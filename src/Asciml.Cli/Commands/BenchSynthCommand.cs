using System.CommandLine;
using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;
using Asciml.Core.Synthesis;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench synth`: time to synthesize the pretraining corpus (target: 640 sounds in under 2 s).</summary>
public static class BenchSynthCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var count = new Option<int>("--count") { Description = "Sounds to synthesize per repeat", DefaultValueFactory = _ => 640 };
        var repeats = BenchCommand.RepeatsOption();
        var command = new Command("synth", "Time synthesizing a varied corpus; prints {\"sounds\",\"ms_total\",\"ms_per_sound\",…}") { count, repeats, BenchCommand.JsonOption() };
        command.SetAction(parseResult =>
        {
            int sounds = parseResult.GetValue(count);
            int repeatCount = BenchCommand.Repeats(parseResult, repeats);
            var environment = BenchmarkEnvironment.Start();
            PretrainingCorpus.Create(8, seed: 99); // warm-up: JIT and filter tables
            RepeatStats total = RepeatStats.TimeMilliseconds(repeatCount, () => PretrainingCorpus.Create(sounds, seed: 1), warmUp: false);
            var json = new JsonObject
            {
                ["bench"] = "synth",
                ["sounds"] = sounds,
                ["ms_total"] = Math.Round(total.Median, 1),
                ["ms_per_sound"] = Math.Round(total.Median / sounds, 3),
                ["repeats"] = repeatCount,
            };
            total.AddTo(json, "ms_total", 1);
            return BenchCommand.Print(environment.Finish(json, Environment.ProcessorCount));
        });
        _ = globals;
        return command;
    }
}
