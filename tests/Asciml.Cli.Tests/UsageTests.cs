namespace Asciml.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public void UnknownCommandIsBadUsageWithOneLineMessage()
    {
        CliResult result = AscimlProcess.Run("no-such-command");
        Assert.Equal(2, result.ExitCode);
        string[] lines = result.StandardError.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("asciml:", lines[0]);
    }

    [Fact]
    public void HelpSucceeds()
    {
        CliResult result = AscimlProcess.Run("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Asciml", result.StandardOutput);
    }
}
