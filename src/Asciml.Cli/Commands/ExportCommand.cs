using System.CommandLine;
using Asciml.Core.Storage;

namespace Asciml.Cli.Commands;

/// <summary>`asciml export --out DATASET.zip [--group NAME]`: WAVs per group + features.csv + manifest.json.</summary>
public static class ExportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var output = new Option<string>("--out") { Description = "The zip file to write", Required = true };
        var group = new Option<string?>("--group") { Description = "Only this group (default: every group)" };
        var command = new Command("export", "Write the dataset as a zip: WAVs per group, features.csv, manifest.json") { output, group };
        command.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            string path = parseResult.GetValue(output)!;
            int count = DatasetArchive.Export(workspace, path, parseResult.GetValue(group));
            Console.WriteLine($"exported {count} sounds to {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
