using System.CommandLine;
using Asciml.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Asciml.Cli.Commands;

/// <summary>`asciml serve [--urls URL]`: the web app (the four stages in the browser) on this workspace.</summary>
public static class ServeCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => WebApp.DefaultUrl };
        var command = new Command("serve", "Start the web app (pages: / /dataset /training /evaluation /creation)") { urls };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var arguments = new List<string> { "--urls", parseResult.GetValue(urls)! };
            if (parseResult.GetValue(globals.Workspace) is string workspace)
            {
                arguments.AddRange(["--workspace", Path.GetFullPath(workspace)]);
            }

            WebApplication app = WebApp.Build([.. arguments]);
            await app.StartAsync(cancellation);
            await app.WaitForShutdownAsync(cancellation);
            return ExitCodes.Success;
        });
        return command;
    }
}
