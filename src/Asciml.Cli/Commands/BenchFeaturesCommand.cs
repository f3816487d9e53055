using System.CommandLine;
using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;
using Asciml.Core.Features;
using Asciml.Core.Synthesis;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench features`: every feature of N one-second clips, in parallel (target: at most 1 ms per clip).</summary>
public static class BenchFeaturesCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var count = new Option<int>("--count") { Description = "Clips to analyse per repeat", DefaultValueFactory = _ => 640 };
        var repeats = BenchCommand.RepeatsOption();
        var command = new Command("features", "Time feature extraction; prints {\"clips\",\"ms_per_clip\",…}") { count, repeats, BenchCommand.JsonOption() };
        command.SetAction(parseResult =>
        {
            int clips = parseResult.GetValue(count);
            int repeatCount = BenchCommand.Repeats(parseResult, repeats);
            float[][] audio = PretrainingCorpus.Create(Math.Min(clips, 64), seed: 5).Select(s => s.Audio.Samples).ToArray();
            var environment = BenchmarkEnvironment.Start();
            void ExtractAll() => Parallel.For(0, clips, i => FeatureExtractor.Extract(audio[i % audio.Length]));
            ExtractAll(); // the untimed first pass lets the JIT tiers settle
            TimeSpan cpuStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            RepeatStats total = RepeatStats.TimeMilliseconds(repeatCount, ExtractAll, warmUp: false);
            double cpuMs = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds;
            RepeatStats perClip = total.Scaled(1.0 / clips);
            var json = new JsonObject
            {
                ["bench"] = "features",
                ["clips"] = clips,
                ["ms_per_clip"] = Math.Round(perClip.Median, 4),
                ["ms_total"] = Math.Round(total.Median, 1),
                ["repeats"] = repeatCount,
                // CPU time per clip over all threads: on a quiet machine ≈ ms_per_clip × threads; steadier under load.
                ["cpu_ms_per_clip"] = Math.Round(cpuMs / (clips * (double)repeatCount), 4),
            };
            perClip.AddTo(json, "ms_per_clip", 4);
            return BenchCommand.Print(environment.Finish(json, Environment.ProcessorCount));
        });
        _ = globals;
        return command;
    }
}
