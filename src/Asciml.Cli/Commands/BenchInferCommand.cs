using System.CommandLine;
using System.Text.Json.Nodes;
using Asciml.Core.Benchmarking;
using Asciml.Model.Creation;
using Asciml.Model.Vae;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench infer`: encode, decode (one second) and interpolate of any preset, with the decode real-time factor.</summary>
public static class BenchInferCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var preset = new Option<string>("--preset") { Description = $"Model preset: {string.Join(", ", ModelPresets.Names)}", DefaultValueFactory = _ => "paper" };
        var threads = new Option<int>("--threads") { Description = "CPU threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var repeats = BenchCommand.RepeatsOption(10);
        var json = BenchCommand.JsonOption();
        var command = new Command("infer", "Time encode/decode/interpolate; prints {\"preset\",\"encode_ms\",\"decode_ms\",\"interpolate_ms\",…}")
        {
            preset, threads, repeats, json,
        };
        command.SetAction(parseResult =>
        {
            int repeatCount = BenchCommand.Repeats(parseResult, repeats);
            IModelArchitecture architecture = ModelPresets.FromName(parseResult.GetValue(preset) ?? "paper");
            var environment = BenchmarkEnvironment.Start();
            InferenceBenchmarkResult result = InferenceBenchmark.Run(architecture, parseResult.GetValue(threads), repeatCount);
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
            output["decode_gflop"] = BenchCommand.Finite(result.DecodeFlops / 1e9, 4);
            output["sgemm_gflops"] = Math.Round(result.SgemmGflops.Median, 1);
            result.SgemmGflops.AddTo(output, "sgemm_gflops", 1);
            output["decode_fraction_of_limit"] = BenchCommand.Finite(result.DecodeFractionOfLimit, 4);
            return BenchCommand.Print(environment.Finish(output, result.Threads));
        });
        _ = globals;
        return command;
    }
}
