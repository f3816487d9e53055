using System.CommandLine;
using Asciml.Core.Storage;

namespace Asciml.Cli;

/// <summary>Options every command accepts, before or after the command name.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Workspace { get; } = new("--workspace")
    {
        Description = "Workspace folder (default: $ASCIML_WORKSPACE, else the user's data folder)",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show stack traces and extra diagnostics",
        Recursive = true,
    };

    /// <summary>Opens the workspace chosen by --workspace, $ASCIML_WORKSPACE or the default folder.</summary>
    public Workspace OpenWorkspace(ParseResult parseResult) =>
        Core.Storage.Workspace.Open(WorkspaceLocation.Resolve(parseResult.GetValue(Workspace))); // `Workspace` alone is the option

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Workspace);
        root.Options.Add(Verbose);
    }
}
