using System.CommandLine;
using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;
using Asciml.Model.Training;

namespace Asciml.Cli.Commands;

/// <summary>
/// `asciml bench train`: milliseconds per sample of the trainer's real step, with libtorch's sgemm rate measured
/// before every timed step and fraction_of_limit = (FLOPs per sample ÷ sgemm rate) ÷ time per sample.
/// </summary>
public static class BenchTrainCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var family = new Option<string>("--family") { Description = $"Model family: {string.Join(", ", BenchmarkFamilies.Names)}", DefaultValueFactory = _ => BenchmarkFamilies.Vae };
        var preset = new Option<string>("--preset") { Description = "Model preset of the family (vae: paper or lite)", DefaultValueFactory = _ => "paper" };
        var batchSize = new Option<int>("--batch-size") { Description = "Clips per training step", DefaultValueFactory = _ => 16 };
        var repeats = BenchCommand.RepeatsOption(BenchCommand.DefaultRepeats, "--steps");
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var json = BenchCommand.JsonOption();
        var command = new Command("train", "Time training steps; prints {\"preset\",\"params\",\"ms_per_sample\",\"fraction_of_limit\",…}")
        {
            family, preset, batchSize, repeats, threads, json,
        };
        command.SetAction(parseResult =>
        {
            int batch = parseResult.GetValue(batchSize);
            int repeatCount = BenchCommand.Repeats(parseResult, repeats);
            if (batch < 1)
            {
                throw new UsageException("--batch-size must be at least 1");
            }

            var environment = BenchmarkEnvironment.Start();
            TrainingBenchmarkResult result = TrainingBenchmark.Run(
                BenchmarkFamilies.Training(parseResult.GetValue(family) ?? BenchmarkFamilies.Vae, parseResult.GetValue(preset) ?? "paper"),
                batch, repeatCount, parseResult.GetValue(threads));
            var output = new JsonObject
            {
                ["bench"] = "train",
                ["family"] = result.Family,
                ["preset"] = result.Preset,
                ["params"] = result.Params,
                ["batch_size"] = result.BatchSize,
                ["repeats"] = result.MsPerSample.Count,
                ["ms_per_sample"] = Math.Round(result.MsPerSample.Median, 2),
                ["gflop_per_sample"] = Math.Round(result.FlopsPerSample / 1e9, 3),
                ["sgemm_gflops"] = Math.Round(result.SgemmGflops.Median, 1),
                ["limit_ms_per_sample"] = Math.Round(result.LimitMsPerSample, 2),
                ["fraction_of_limit"] = Math.Round(result.FractionOfLimit, 3),
                ["cpu_ms_per_sample"] = Math.Round(result.CpuMsPerSample.Median, 2),
                ["sgemm_gflops_per_cpu_s"] = Math.Round(result.SgemmGflopsPerCpuSecond.Median, 1),
                ["cpu_fraction_of_limit"] = Math.Round(result.CpuFractionOfLimit, 3),
            };
            result.MsPerSample.AddTo(output, "ms_per_sample", 2);
            result.SgemmGflops.AddTo(output, "sgemm_gflops", 1);
            result.PairedFraction.AddTo(output, "paired_fraction", 3);
            return BenchCommand.Print(environment.Finish(output, result.Threads));
        });
        _ = globals;
        return command;
    }
}
