namespace Asciml.Core.Storage;

/// <summary>Where the workspace lives: an explicit folder, else $ASCIML_WORKSPACE, else the user's data folder.</summary>
public static class WorkspaceLocation
{
    public const string EnvironmentVariable = "ASCIML_WORKSPACE";

    public static string Resolve(string? explicitFolder)
    {
        if (!string.IsNullOrWhiteSpace(explicitFolder))
        {
            return Path.GetFullPath(explicitFolder);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        string dataFolder = Environment.GetFolderPath(
            Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(dataFolder, "asciml");
    }
}
