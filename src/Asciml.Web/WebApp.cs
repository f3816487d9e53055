using Asciml.Core.Storage;
using Asciml.Web.Components;
using Asciml.Web.Services;
using MudBlazor.Services;

namespace Asciml.Web;

/// <summary>Builds the web app: a thin Blazor shell over the workspace (Asciml.Core) and the model (Asciml.Model).</summary>
public static class WebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Static web assets (_framework/blazor.web.js, MudBlazor, Plotly) in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();

        // --urls, else ASPNETCORE_URLS, else the loopback default; anything Kestrel would reinterpret is refused.
        string? configured = builder.Configuration["urls"];
        string? environmentUrls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        IReadOnlyList<Uri> urls = !string.IsNullOrWhiteSpace(configured) ? HostSecurity.ParseUrls(configured, configured == environmentUrls ? "ASPNETCORE_URLS" : "--urls")
            : !string.IsNullOrWhiteSpace(environmentUrls) ? HostSecurity.ParseUrls(environmentUrls, "ASPNETCORE_URLS")
            : HostSecurity.ParseUrls(DefaultUrl, "the default address");
        builder.WebHost.UseUrls([.. urls.Select(u => $"http://{u.Authority}")]);
        IReadOnlyList<string> allowedHosts = HostSecurity.AllowedHosts(urls, builder.Configuration["allowed-hosts"]);
        builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(options => options.AllowedHosts = [.. allowedHosts]);

        // A failed start (a taken port) is reported by the caller in one line, not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        // Uploads of many files at once: 200 MB per file is the audio reader's own limit.
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = 256L * 1024 * 1024);

        string folder = WorkspaceLocation.Resolve(builder.Configuration["workspace"]);
        builder.Services.AddSingleton(_ =>
        {
            Workspace workspace = Workspace.Open(folder);
            workspace.Runs.MarkInterrupted();
            return workspace;
        });
        builder.Services.AddSingleton<TrainingService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TrainingService>());
        builder.Services.AddSingleton<ModelSessions>();
        builder.Services.AddSingleton<GeneratedAudio>();
        builder.Services.AddSingleton<KeyboardRenders>();
        builder.Services.AddSingleton<OscHub>();
        // --osc-port: a taken port or a bad address is reported now, in one line, like --urls.
        if (OscService.FromConfiguration(builder.Configuration) is { } osc)
        {
            builder.Services.AddSingleton(_ => osc); // a factory, so the container disposes the socket
            builder.Services.AddHostedService<OscService>();
        }

        builder.Services.AddMudServices();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 8 * 1024 * 1024)
            .AddCircuitOptions(options => options.DetailedErrors = builder.Environment.IsDevelopment());

        WebApplication app = builder.Build();

        // Open the workspace now, not on the first page: a bad folder is reported at start-up.
        app.Services.GetRequiredService<Workspace>();
        if (app.Services.GetService<Asciml.Core.Osc.OscListener>() is { } listener)
        {
            app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Asciml OSC control on {EndPoint}", listener.LocalEndPoint));
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseOriginCheck();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAudioEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Asciml workspace: {Folder}", folder));
        return app;
    }
}
