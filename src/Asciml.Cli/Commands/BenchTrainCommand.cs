using System.CommandLine;
using System.Text.Json;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench train`: milliseconds per sample of a full training step.</summary>
public static class BenchTrainCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var preset = new Option<string>("--preset") { Description = "Model preset: paper or lite", DefaultValueFactory = _ => "paper" };
        var batchSize = new Option<int>("--batch-size") { Description = "Clips per training step", DefaultValueFactory = _ => 16 };
        var steps = new Option<int>("--steps") { Description = "Timed steps (after two warm-up steps)", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var json = BenchCommand.JsonOption();
        var command = new Command("train", "Time training steps; prints {\"preset\",\"params\",\"ms_per_sample\"}")
        {
            preset, batchSize, steps, threads, json,
        };
        command.SetAction(parseResult =>
        {
            int batch = parseResult.GetValue(batchSize);
            int stepCount = parseResult.GetValue(steps);
            if (batch < 1 || stepCount < 1)
            {
                throw new UsageException("--batch-size and --steps must be at least 1");
            }

            TrainingBenchmarkResult result = TrainingBenchmark.Run(
                ModelPresets.FromName(parseResult.GetValue(preset) ?? "paper"), batch, stepCount, parseResult.GetValue(threads));
            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                preset = result.Preset,
                @params = result.Params,
                ms_per_sample = result.MsPerSample,
                batch_size = result.BatchSize,
                steps = result.Steps,
                threads = result.Threads,
            }));
            return 0;
        });
        _ = globals;
        return command;
    }
}
