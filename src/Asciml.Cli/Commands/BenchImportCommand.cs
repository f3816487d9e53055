using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Asciml.Core.Audio;
using Asciml.Core.Benchmarking;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench import`: one-second 44.1 kHz WAVs into a fresh workspace per repeat (target: 640 in under 10 s).</summary>
public static class BenchImportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var count = new Option<int>("--count") { Description = "WAV files to import", DefaultValueFactory = _ => 640 };
        var repeats = BenchCommand.RepeatsOption();
        var command = new Command("import", "Time importing one-second WAVs; prints {\"files\",\"ms_total\",\"ms_per_file\",…}") { count, repeats, BenchCommand.JsonOption() };
        command.SetAction(parseResult =>
        {
            int files = parseResult.GetValue(count);
            int repeatCount = BenchCommand.Repeats(parseResult, repeats);
            string folder = Directory.CreateTempSubdirectory("asciml-bench-import-").FullName;
            try
            {
                string[] paths = Enumerable.Range(0, files).Select(i =>
                {
                    string path = Path.Combine(folder, $"tone{i:0000}.wav");
                    float[] samples = Enumerable.Range(0, 44100).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * (110 + i) * n / 44100))).ToArray();
                    WavWriter.Write(path, new MonoAudio(samples, 44100));
                    return path;
                }).ToArray();
                var environment = BenchmarkEnvironment.Start();
                int imported = 0;
                var times = new List<double>();
                for (int repeat = 0; repeat < repeatCount; repeat++)
                {
                    using Workspace workspace = Workspace.Open(Path.Combine(folder, $"workspace{repeat}"));
                    Group group = workspace.Groups.Create("bench");
                    long start = Stopwatch.GetTimestamp();
                    imported = SoundImport.Files(workspace, group.Id, paths).Count(o => o.Sound is not null);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                RepeatStats total = RepeatStats.Of(times);
                var json = new JsonObject
                {
                    ["bench"] = "import",
                    ["files"] = imported,
                    ["ms_total"] = Math.Round(total.Median, 1),
                    ["ms_per_file"] = Math.Round(total.Median / files, 3),
                    ["repeats"] = repeatCount,
                };
                total.AddTo(json, "ms_total", 1);
                return BenchCommand.Print(environment.Finish(json, Environment.ProcessorCount));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });
        _ = globals;
        return command;
    }
}
