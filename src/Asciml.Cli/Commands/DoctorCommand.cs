using System.CommandLine;
using Asciml.Core.Storage;

namespace Asciml.Cli.Commands;

/// <summary>`asciml doctor [--repair]`: exit 0 only when the workspace is consistent.</summary>
public static class DoctorCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var repair = new Option<bool>("--repair") { Description = "Remove leftovers of interrupted writes and rows whose audio is gone" };
        var command = new Command("doctor", "Check the workspace; exit 0 only when it is consistent") { repair };
        command.SetAction(parseResult =>
        {
            using Workspace workspace = globals.OpenWorkspace(parseResult);
            DoctorReport report = WorkspaceDoctor.Check(workspace, parseResult.GetValue(repair), Asciml.Model.Vae.ModelFile.Verify);
            foreach (string problem in report.Problems)
            {
                Console.WriteLine($"problem: {problem}");
            }

            foreach (string leftover in report.Leftovers)
            {
                Console.WriteLine($"leftover: {leftover}");
            }

            foreach (string done in report.Repairs)
            {
                Console.WriteLine($"repaired: {done}");
            }

            Console.WriteLine(report.IsConsistent
                ? $"workspace {workspace.Folder} is consistent ({workspace.Sounds.List().Count} sounds, {workspace.Groups.List().Count} groups)"
                : $"workspace {workspace.Folder} has {report.Problems.Count} problem(s); run asciml doctor --repair");
            return report.IsConsistent ? ExitCodes.Success : ExitCodes.BadInput;
        });
        return command;
    }
}
