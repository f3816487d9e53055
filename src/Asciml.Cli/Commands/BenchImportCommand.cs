using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Asciml.Core.Audio;
using Asciml.Core.Workspace;

namespace Asciml.Cli.Commands;

/// <summary>`asciml bench import`: one-second 44.1 kHz WAVs into a fresh workspace (target: 640 in under 10 s).</summary>
public static class BenchImportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var count = new Option<int>("--count") { Description = "WAV files to import", DefaultValueFactory = _ => 640 };
        var command = new Command("import", "Time importing one-second WAVs; prints {\"files\",\"ms_total\",\"ms_per_file\"}") { count, BenchCommand.JsonOption() };
        command.SetAction(parseResult =>
        {
            int files = parseResult.GetValue(count);
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
                using Workspace workspace = Workspace.Open(Path.Combine(folder, "workspace"));
                Group group = workspace.CreateGroup("bench");
                var clock = Stopwatch.StartNew();
                int imported = workspace.ImportFiles(group.Id, paths).Count(o => o.Sound is not null);
                double totalMs = clock.Elapsed.TotalMilliseconds;
                Console.WriteLine(JsonSerializer.Serialize(new { files = imported, ms_total = Math.Round(totalMs, 1), ms_per_file = Math.Round(totalMs / files, 3), threads = Environment.ProcessorCount }));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            return ExitCodes.Success;
        });
        _ = globals;
        return command;
    }
}
