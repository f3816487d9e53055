using System.CommandLine;
using System.Text.Json;
using Asciml.Core.Features;
using Asciml.Core.IO;
using Asciml.Core.Storage;

namespace Asciml.Cli.Commands;

/// <summary>`asciml features FILE...|--group NAME [--format csv|json] [--out FILE]`.</summary>
public static class FeaturesCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var files = new Argument<string[]>("FILE") { Description = "Audio files (analysed as model inputs)", Arity = ArgumentArity.ZeroOrMore };
        var group = new Option<string[]>("--group") { Description = "Analyse this workspace group instead (repeatable)" };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of stdout" };
        var command = new Command("features", "F0, voicing, RMS, spectral centroid, zero-crossing rate, … of each sound") { files, group, format, output };
        command.SetAction(parseResult =>
        {
            string[] paths = parseResult.GetValue(files) ?? [];
            string[] groups = parseResult.GetValue(group) ?? [];
            if ((paths.Length == 0) == (groups.Length == 0))
            {
                throw new UsageException("give either audio files or --group NAME");
            }

            var rows = new List<(string File, SoundFeatures Features)>();
            int exitCode = ExitCodes.Success;
            if (groups.Length > 0)
            {
                using Workspace workspace = globals.OpenWorkspace(parseResult);
                string[] ids = groups.Select(name => workspace.Groups.GetByName(name).Id).ToArray();
                var all = workspace.Sounds.ListWithFeatures(ids);
                rows.AddRange(ids.SelectMany(id => all.Where(r => r.Sound.GroupId == id).Select(r => (r.Sound.Id, r.Features))));
            }
            else
            {
                foreach (var result in FeatureExtractor.ExtractFiles(paths))
                {
                    if (result.Features is null)
                    {
                        Console.Error.WriteLine($"asciml: {result.Error}");
                        exitCode = ExitCodes.BadInput;
                    }
                    else
                    {
                        rows.Add((result.File, result.Features));
                    }
                }
            }

            string? outPath = parseResult.GetValue(output);
            if (outPath is not null)
            {
                AtomicFile.CreateFolderOf(outPath);
            }

            using TextWriter writer = outPath is null ? Console.Out : new StreamWriter(outPath);
            if (parseResult.GetValue(format) == "json")
            {
                writer.WriteLine(JsonSerializer.Serialize(rows.Select(r => new { file = r.File, features = r.Features }), new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                FeatureCsv.Write(writer, rows);
            }

            return exitCode;
        });
        return command;
    }
}
