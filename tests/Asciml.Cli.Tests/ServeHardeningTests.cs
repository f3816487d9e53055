using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Asciml.Cli.Tests;

/// <summary>Issue 11, finding 4: the web app answers only its user, listens only where told, and fails in one line.</summary>
public sealed class ServeHardeningTests : IDisposable
{
    private readonly string _workspace = Directory.CreateTempSubdirectory("asciml-serve-hardening-").FullName;

    public void Dispose() => Directory.Delete(_workspace, recursive: true);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Theory]
    [InlineData("http://127.0.0.1:notaport", "--urls 'http://127.0.0.1:notaport' is not a listening address")]
    [InlineData("http://myhost:5394", "not on the name 'myhost'")]
    [InlineData("http://127.0.0.1", "names no port")]
    [InlineData("ftp://127.0.0.1:21", "is not a listening address")]
    public void UnusableUrlsAreRefusedInOneLine(string url, string expected)
    {
        // Before: notaport listened on [::]:80, myhost on *:5394, silently.
        CliResult result = AscimlProcess.Run(["serve", "--urls", url, "--workspace", _workspace], null, timeout: TimeSpan.FromMinutes(2));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.StandardError);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public void AnUnparsableAspNetCoreUrlsIsRefusedInOneLine()
    {
        CliResult result = AscimlProcess.Run(["serve", "--workspace", _workspace], null,
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:notaport" }, TimeSpan.FromMinutes(2));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("asciml: ASPNETCORE_URLS 'http://127.0.0.1:notaport'", result.StandardError);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public void ATakenPortIsOneLine()
    {
        // Before: 27 lines of stack trace.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        CliResult result = AscimlProcess.Run(["serve", "--urls", $"http://127.0.0.1:{port}", "--workspace", _workspace], null, timeout: TimeSpan.FromMinutes(2));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"asciml: cannot listen: Failed to bind to address http://127.0.0.1:{port}: address already in use (another program uses the port; choose another with --urls)", result.StandardError.Trim());
        Assert.Equal("", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task ForeignHostsAndOriginsAreRefusedAndAspNetCoreUrlsIsHonoured()
    {
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "asciml.dll"), "serve", "--workspace", _workspace })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}"; // before: ignored
        start.Environment["ASCIML_WORKSPACE"] = _workspace;
        using Process process = Process.Start(start)!;
        CancellationToken cancel = TestContext.Current.CancellationToken;
        try
        {
            using var http = new HttpClient();
            string site = $"http://127.0.0.1:{port}";
            HttpStatusCode? status = null;
            for (int attempt = 0; attempt < 240 && status != HttpStatusCode.OK; attempt++)
            {
                try
                {
                    status = (await http.GetAsync($"{site}/", cancel)).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250, cancel);
                }
            }

            Assert.Equal(HttpStatusCode.OK, status);

            // DNS rebinding: a foreign name pointing at 127.0.0.1.
            using (var rebound = new HttpRequestMessage(HttpMethod.Get, $"{site}/"))
            {
                rebound.Headers.Host = $"attacker.example:{port}";
                Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebound, cancel)).StatusCode);
            }

            using (var local = new HttpRequestMessage(HttpMethod.Get, $"{site}/"))
            {
                local.Headers.Host = $"localhost:{port}";
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(local, cancel)).StatusCode);
            }

            // A page on another site opening the Blazor hub, by WebSocket upgrade or by the negotiate POST.
            foreach ((HttpMethod method, string path) in new[] { (HttpMethod.Get, "/_blazor?id=x"), (HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1"), (HttpMethod.Post, "/") })
            {
                using var foreign = new HttpRequestMessage(method, $"{site}{path}");
                foreign.Headers.Add("Origin", "http://attacker.example");
                Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(foreign, cancel)).StatusCode);
            }

            using (var same = new HttpRequestMessage(HttpMethod.Post, $"{site}/_blazor/negotiate?negotiateVersion=1"))
            {
                same.Headers.Add("Origin", site);
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(same, cancel)).StatusCode);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }
}
