using System.CommandLine;
using System.Net;
using Asciml.Core;
using Asciml.Core.Osc;
using Asciml.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Asciml.Cli.Commands;

/// <summary>`asciml serve [--urls URL]`: the web app (the four stages in the browser) on this workspace.</summary>
public static class ServeCommand
{
    public static Command Create(GlobalOptions globals)
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default: ASPNETCORE_URLS, else {WebApp.DefaultUrl}); http://IP:PORT or http://localhost:PORT" };
        var allowedHosts = new Option<string?>("--allowed-hosts") { Description = "Host names besides localhost/127.0.0.1/[::1] the browser may use to reach the app (comma-separated)" };
        var oscPort = new Option<int?>("--osc-port") { Description = "Also listen for OSC control over UDP on this port (see docs/PLAY.md)" };
        var oscAddress = new Option<string>("--osc-address") { Description = "Address the OSC port listens on", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("serve", "Start the web app (pages: / /dataset /training /evaluation /creation /creation/play)") { urls, allowedHosts, oscPort, oscAddress };
        command.SetAction(async (parseResult, cancellation) =>
        {
            var arguments = new List<string>();
            if (parseResult.GetValue(oscPort) is int port)
            {
                IPEndPoint osc;
                try
                {
                    osc = OscListener.Endpoint(port.ToString(System.Globalization.CultureInfo.InvariantCulture), parseResult.GetValue(oscAddress), freePortAllowed: false);
                }
                catch (AscimlException error)
                {
                    throw new UsageException(error.Message); // a bad option value is a usage mistake (exit 2)
                }

                // The web app runs the listener and hands its controls to the open creation and play pages.
                arguments.AddRange(["--osc-port", osc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--osc-address", osc.Address.ToString()]);
            }

            if (parseResult.GetValue(urls) is string listen)
            {
                arguments.AddRange(["--urls", listen]);
            }

            if (parseResult.GetValue(allowedHosts) is string hosts)
            {
                arguments.AddRange(["--allowed-hosts", hosts]);
            }

            if (parseResult.GetValue(globals.Workspace) is string workspace)
            {
                arguments.AddRange(["--workspace", Path.GetFullPath(workspace)]);
            }

            WebApplication app = WebApp.Build([.. arguments]);
            OscListener? listener = app.Services.GetService<OscListener>();
            if (listener is not null)
            {
                Console.Error.WriteLine($"asciml: listening for OSC on {listener.LocalEndPoint} (/asciml/amount f, /asciml/map f f, /asciml/ab s s, /asciml/note i i)");
            }

            try
            {
                await app.StartAsync(cancellation);
            }
            catch (IOException error)
            {
                // Kestrel: "Failed to bind to address http://127.0.0.1:5080: address already in use."
                string reason = error.Message.Split('\n', 2)[0].Trim();
                throw new AscimlException(error.InnerException is System.Net.Sockets.SocketException or { InnerException: System.Net.Sockets.SocketException } || reason.Contains("in use", StringComparison.OrdinalIgnoreCase)
                    ? $"cannot listen: {reason.TrimEnd('.')} (another program uses the port; choose another with --urls)"
                    : $"cannot listen: {reason}", error);
            }

            await app.WaitForShutdownAsync(cancellation);
            if (listener is not null)
            {
                Console.Error.WriteLine($"asciml: OSC: {listener.AcceptedMessages} controls, {listener.IgnoredMessages} other messages, {listener.RejectedPackets} malformed packets");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
