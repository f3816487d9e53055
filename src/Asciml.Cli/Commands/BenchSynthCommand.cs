using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Asciml.Core.Synthesis;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench synth`: time to synthesize the pretraining corpus (target: 640 sounds in under 2 s).</summary>
public static class BenchSynthCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var count = new Option<int>("--count") { Description = "Sounds to synthesize", DefaultValueFactory = _ => 640 };
        var command = new Command("synth", "Time synthesizing a varied corpus; prints {\"sounds\",\"ms_total\",\"ms_per_sound\"}") { count, BenchCommand.JsonOption() };
        command.SetAction(parseResult =>
        {
            int sounds = parseResult.GetValue(count);
            PretrainingCorpus.Create(8, seed: 99); // warm-up: JIT and filter tables
            var clock = Stopwatch.StartNew();
            PretrainingCorpus.Create(sounds, seed: 1);
            double totalMs = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine(JsonSerializer.Serialize(new { sounds, ms_total = Math.Round(totalMs, 1), ms_per_sound = Math.Round(totalMs / sounds, 3), threads = Environment.ProcessorCount }));
            return ExitCodes.Success;
        });
        _ = globals;
        return command;
    }
}
