using System.CommandLine;
using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;
using Asciml.Model.Creation;
using Asciml.Model.Training;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench infer`: the family's creation calls (VAE: encode, decode, interpolate), decode real-time factor.</summary>
public static class BenchInferCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var family = new Option<string>("--family") { Description = $"Model family: {string.Join(", ", BenchmarkFamilies.Names)}", DefaultValueFactory = _ => BenchmarkFamilies.Vae };
        var preset = new Option<string>("--preset") { Description = "Model preset of the family (vae: paper or lite)", DefaultValueFactory = _ => "paper" };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var repeats = BenchCommand.RepeatsOption(10);
        var json = BenchCommand.JsonOption();
        var command = new Command("infer", "Time encode/decode/interpolate; prints {\"preset\",\"encode_ms\",\"decode_ms\",\"interpolate_ms\",…}")
        {
            family, preset, threads, repeats, json,
        };
        command.SetAction(parseResult =>
        {
            int repeatCount = BenchCommand.Repeats(parseResult, repeats);
            var environment = BenchmarkEnvironment.Start();
            InferenceBenchmarkResult result = InferenceBenchmark.Run(
                BenchmarkFamilies.Inference(parseResult.GetValue(family) ?? BenchmarkFamilies.Vae, parseResult.GetValue(preset) ?? "paper"),
                parseResult.GetValue(threads), repeatCount);
            var output = new JsonObject
            {
                ["bench"] = "infer",
                ["family"] = result.Family,
                ["preset"] = result.Preset,
                ["params"] = result.Params,
                ["repeats"] = repeatCount,
            };
            foreach ((string name, RepeatStats ms) in result.Operations)
            {
                output[$"{name}_ms"] = Math.Round(ms.Median, 2);
                ms.AddTo(output, $"{name}_ms", 2);
            }

            output["decode_real_time_factor"] = Math.Round(result.DecodeRealTimeFactor, 1);
            output["decode_gflop"] = Math.Round(result.DecodeFlops / 1e9, 3);
            output["sgemm_gflops"] = Math.Round(result.SgemmGflops.Median, 1);
            result.SgemmGflops.AddTo(output, "sgemm_gflops", 1);
            output["decode_fraction_of_limit"] = Math.Round(result.DecodeFractionOfLimit, 3);
            return BenchCommand.Print(environment.Finish(output, result.Threads));
        });
        _ = globals;
        return command;
    }
}
