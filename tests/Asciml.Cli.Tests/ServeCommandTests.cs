using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Asciml.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task ServeHostsTheWebAppWithItsStaticFiles()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string workspace = Directory.CreateTempSubdirectory("asciml-serve-").FullName;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "asciml.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--workspace", workspace })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        try
        {
            using var http = new HttpClient();
            HttpStatusCode? status = null;
            for (int attempt = 0; attempt < 120 && status != HttpStatusCode.OK; attempt++)
            {
                try
                {
                    status = (await http.GetAsync($"http://127.0.0.1:{port}/_framework/blazor.web.js", TestContext.Current.CancellationToken)).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250, TestContext.Current.CancellationToken);
                }
            }

            Assert.Equal(HttpStatusCode.OK, status);
            foreach (string page in new[] { "/", "/dataset", "/training", "/evaluation", "/creation" })
            {
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}{page}", TestContext.Current.CancellationToken)).StatusCode);
            }

            Assert.True(File.Exists(Path.Combine(workspace, "asciml.db")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Directory.Delete(workspace, recursive: true);
        }
    }
}
