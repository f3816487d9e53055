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

            string targetName = groupName ?? "imported";
            bool groupExisted = workspace.Groups.FindByName(targetName) is not null;
            Group target = workspace.Groups.GetOrCreate(targetName);
            IReadOnlyList<ImportOutcome> outcomes = paths.Length > 20
                ? Terminal.WithProgress($"Importing {paths.Length} files", paths.Length, report =>
                    SoundImport.Files(workspace, target.Id, paths, parseResult.GetValue(normalize), done => report(done)))
                : SoundImport.Files(workspace, target.Id, paths, parseResult.GetValue(normalize));
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

            int added = outcomes.Count(o => o.Sound is not null);
            if (added == 0 && !groupExisted && workspace.Sounds.List(target.Id).Count == 0)
            {
                // A group made only for files that all failed would be an empty leftover.
                workspace.Groups.Delete(target.Id, new GroupDeletion.TrashSounds());
            }

            Console.WriteLine($"{ImportOutcome.Summary(outcomes)} (group '{target.Name}')");
            return added == outcomes.Count ? ExitCodes.Success : ExitCodes.BadInput;
        });
        return command;
    }
}
