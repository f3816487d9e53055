using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Asciml.Web.Tests;

/// <summary>The real web app as a child process on a free port, with its own temporary workspace.</summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WebAppProcess(Process process, string baseUrl, string workspace)
    {
        _process = process;
        BaseUrl = baseUrl;
        Workspace = workspace;
    }

    public string BaseUrl { get; }

    public string Workspace { get; }

    /// <param name="prepare">Fills the workspace folder before the app opens it (sounds, a model).</param>
    /// <param name="arguments">More command-line arguments (e.g. `--osc-port`).</param>
    public static async Task<WebAppProcess> StartAsync(Action<string>? prepare = null, IReadOnlyList<string>? arguments = null)
    {
        string workspace = Directory.CreateTempSubdirectory("asciml-web-").FullName;
        prepare?.Invoke(workspace);
        int port = FreePort();
        string baseUrl = $"http://127.0.0.1:{port}";
        string appFolder = RepositoryPaths.WebAppOutput();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appFolder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, "Asciml.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        foreach (string argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASCIML_WORKSPACE"] = workspace;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web app");
        // The app's own log, for diagnosing a failed browser test.
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(workspace, "..", $"asciml-web-{port}.log")) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        for (int attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await http.GetAsync(baseUrl + "/_framework/blazor.web.js")).StatusCode == HttpStatusCode.OK)
                {
                    return new WebAppProcess(process, baseUrl, workspace);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"the web app exited with code {process.ExitCode}");
            }

            await Task.Delay(250);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("the web app did not start within 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Workspace, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by a dying process: the temp folder is cleaned by the OS eventually
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Where things are in the repository checkout the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Asciml.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the tests must run inside the repository (Asciml.slnx not found above them)");
    }

    /// <summary>The web app's build output holding its static-web-assets manifest (same configuration as the tests).</summary>
    public static string WebAppOutput()
    {
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "Asciml.Web.staticwebassets.runtime.json")))
        {
            return AppContext.BaseDirectory;
        }

        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
        string candidate = Path.Combine(Root(), "src", "Asciml.Web", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(candidate, "Asciml.Web.dll"))
            ? candidate
            : throw new InvalidOperationException($"the web app is not built at {candidate}");
    }
}
