using System.CommandLine;
using System.Text.Json;
using Asciml.Model.Creation;
using Asciml.Model.Vae;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench infer`: encode, decode and interpolation times (median of repeated runs).</summary>
public static class BenchInferCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var preset = new Option<string>("--preset") { Description = "Model preset: paper or lite", DefaultValueFactory = _ => "paper" };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions (the median is printed)", DefaultValueFactory = _ => 10 };
        var json = BenchCommand.JsonOption();
        var command = new Command("infer", "Time encode/decode/interpolate; prints {\"preset\",\"encode_ms\",\"decode_ms\",\"interpolate_ms\"}")
        {
            preset, threads, repeats, json,
        };
        command.SetAction(parseResult =>
        {
            int repeatCount = parseResult.GetValue(repeats);
            if (repeatCount < 1)
            {
                throw new UsageException("--repeats must be at least 1");
            }

            InferenceBenchmarkResult result = InferenceBenchmark.Run(
                ModelPresets.FromName(parseResult.GetValue(preset) ?? "paper"), parseResult.GetValue(threads), repeatCount);
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                preset = result.Preset,
                encode_ms = result.EncodeMs,
                decode_ms = result.DecodeMs,
                interpolate_ms = result.InterpolateMs,
                threads = result.Threads,
            }));
            return 0;
        });
        _ = globals;
        return command;
    }
}
