using System.CommandLine;
using Asciml.Core.DatasetDesign;
using Asciml.Core.Storage;

namespace Asciml.Cli.Commands;

/// <summary>`asciml import FILE...|DATASET.zip [--group NAME]`: audio files or a dataset archive into the workspace.</summary>
public static class ImportCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var files = new Argument<string[]>("FILE") { Description = "Audio files, or one dataset .zip made by asciml export", Arity = ArgumentArity.OneOrMore };
        var group = new Option<string?>("--group") { Description = "Group to add to (created if missing; default 'imported', or the archive's groups)" };
        var normalize = new Option<bool>("--normalize") { Description = "Scale each sound's peak to -1 dBFS" };
        var command = new Command("import", "Add audio files or a dataset archive to the workspace") { files, group, normalize };
        command.SetAction(parseResult =>
        {
            string[] paths = parseResult.GetValue(files)!;
            string? groupName = parseResult.GetValue(group);
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            if (paths.Length == 1 && DatasetArchive.IsDatasetArchive(paths[0]))
            {
                IReadOnlyList<Sound> imported = DatasetArchive.Import(workspace, paths[0], groupName);
                Console.WriteLine($"imported {imported.Count} sounds from {paths[0]}");
                return ExitCodes.Success;
            }

            bool normalized = parseResult.GetValue(normalize);
            (Group target, IReadOnlyList<ImportOutcome> outcomes) = paths.Length > 20
                ? Terminal.WithProgress($"Importing {paths.Length} files", paths.Length, report =>
                    SoundImport.FilesIntoGroup(workspace, groupName, paths, normalized, done => report(done)))
                : SoundImport.FilesIntoGroup(workspace, groupName, paths, normalized);
            foreach (ImportOutcome outcome in outcomes)
            {
                foreach (string warning in outcome.Warnings)
                {
                    Console.Error.WriteLine($"asciml: warning: {warning}");
                }

                if (outcome.Error is not null)
                {
                    Console.Error.WriteLine($"asciml: {outcome.Error}");
                }
            }

            Console.WriteLine($"{ImportOutcome.Summary(outcomes)} (group '{target.Name}')");
            return outcomes.All(o => o.Sound is not null) ? ExitCodes.Success : ExitCodes.BadInput;
        });
        return command;
    }
}
