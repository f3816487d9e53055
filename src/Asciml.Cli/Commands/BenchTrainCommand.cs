using System.CommandLine;
using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Cli.Commands;

/// <summary>
/// `asciml bench train`: milliseconds per sample of the trainer's real step, with libtorch's sgemm rate measured
/// before every timed step and fraction_of_limit = (FLOPs per sample ÷ sgemm rate) ÷ time per sample.
/// </summary>
public static class BenchTrainCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var preset = new Option<string>("--preset") { Description = $"Model preset: {string.Join(", ", ModelPresets.Names)}", DefaultValueFactory = _ => "paper" };
        var batchSize = new Option<int>("--batch-size") { Description = "Clips per training step", DefaultValueFactory = _ => 16 };
        var repeats = BenchCommand.RepeatsOption(BenchCommand.DefaultRepeats, "--steps");
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var json = BenchCommand.JsonOption();
        var command = new Command("train", "Time training steps; prints {\"preset\",\"params\",\"ms_per_sample\",\"fraction_of_limit\",…}")
        {
            preset, batchSize, repeats, threads, json,
        };
        command.SetAction(parseResult =>
        {
            int batch = parseResult.GetValue(batchSize);
            int repeatCount = BenchCommand.Repeats(parseResult, repeats);
            if (batch < 1)
            {
                throw new UsageException("--batch-size must be at least 1");
            }

            IModelArchitecture architecture = ModelPresets.FromName(parseResult.GetValue(preset) ?? "paper");
            var environment = BenchmarkEnvironment.Start();
            TrainingBenchmarkResult result = TrainingBenchmark.Run(architecture, batch, repeatCount, parseResult.GetValue(threads));
            var output = new JsonObject
            {
                ["bench"] = "train",
                ["family"] = result.Family,
                ["preset"] = result.Preset,
                ["params"] = result.Params,
                ["batch_size"] = result.BatchSize,
                ["repeats"] = result.MsPerSample.Count,
                ["ms_per_sample"] = Math.Round(result.MsPerSample.Median, 2),
                ["gflop_per_sample"] = BenchCommand.Finite(result.FlopsPerSample / 1e9, 3),
                ["sgemm_gflops"] = Math.Round(result.SgemmGflops.Median, 1),
                ["limit_ms_per_sample"] = BenchCommand.Finite(result.LimitMsPerSample, 2),
                ["fraction_of_limit"] = BenchCommand.Finite(result.FractionOfLimit, 3),
                ["cpu_ms_per_sample"] = Math.Round(result.CpuMsPerSample.Median, 2),
                ["sgemm_gflops_per_cpu_s"] = BenchCommand.Finite(result.SgemmGflopsPerCpuSecond.Median, 1),
                ["cpu_fraction_of_limit"] = BenchCommand.Finite(result.CpuFractionOfLimit, 3),
            };
            result.MsPerSample.AddTo(output, "ms_per_sample", 2);
            result.SgemmGflops.AddTo(output, "sgemm_gflops", 1);
            if (double.IsFinite(result.PairedFraction.Median))
            {
                result.PairedFraction.AddTo(output, "paired_fraction", 3);
            }

            return BenchCommand.Print(environment.Finish(output, result.Threads));
        });
        _ = globals;
        return command;
    }
}
