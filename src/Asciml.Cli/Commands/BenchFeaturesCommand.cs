using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Asciml.Core.Features;
using Asciml.Core.Synthesis;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench features`: every feature of N one-second clips, in parallel (target: at most 1 ms per clip).</summary>
public static class BenchFeaturesCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var count = new Option<int>("--count") { Description = "Clips to analyse", DefaultValueFactory = _ => 640 };
        var command = new Command("features", "Time feature extraction; prints {\"clips\",\"ms_per_clip\"}") { count, BenchCommand.JsonOption() };
        command.SetAction(parseResult =>
        {
            int clips = parseResult.GetValue(count);
            float[][] audio = PretrainingCorpus.Create(Math.Min(clips, 64), seed: 5).Select(s => s.Audio.Samples).ToArray();
            Parallel.For(0, clips, i => FeatureExtractor.Extract(audio[i % audio.Length])); // warm-up: JIT tiers settle
            var clock = Stopwatch.StartNew();
            Parallel.For(0, clips, i => FeatureExtractor.Extract(audio[i % audio.Length]));
            double totalMs = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine(JsonSerializer.Serialize(new { clips, ms_per_clip = Math.Round(totalMs / clips, 4), ms_total = Math.Round(totalMs, 1), threads = Environment.ProcessorCount }));
            return ExitCodes.Success;
        });
        _ = globals;
        return command;
    }
}
