using System.Net;
using Asciml.Core;

namespace Asciml.Web;

/// <summary>
/// Keeps the web app reachable only by its user: listening addresses checked strictly (no silent fall-back to every
/// interface), Host headers limited to the loopback names plus the names the user allows (DNS rebinding), and an
/// Origin check on the Blazor hub and every request that changes something (a page on another site cannot drive the
/// workspace).
/// </summary>
public static class HostSecurity
{
    /// <summary>Host names always allowed: the loopback ones.</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// Parses a `;`-separated list of listening URLs: http://IP:PORT or http://localhost:PORT only (an IP of 0.0.0.0 or
    /// [::] listens on every interface, on purpose). Anything else is refused with one line naming the value.
    /// </summary>
    public static IReadOnlyList<Uri> ParseUrls(string value, string source)
    {
        var urls = new List<Uri>();
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string shown = part.ReplaceLineEndings(" ");
            if (!Uri.TryCreate(part, UriKind.Absolute, out Uri? url) || url.Scheme != Uri.UriSchemeHttp
                || (url.AbsolutePath != "/" && url.AbsolutePath.Length > 0) || !string.IsNullOrEmpty(url.Query) || url.UserInfo.Length > 0)
            {
                throw new AscimlException($"{source} '{shown}' is not a listening address like {WebApp.DefaultUrl} (http://IP:PORT or http://localhost:PORT)");
            }

            if (!HasExplicitPort(part))
            {
                throw new AscimlException($"{source} '{shown}' names no port; use e.g. {WebApp.DefaultUrl}");
            }

            if (url.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) && !url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                throw new AscimlException(
                    $"{source} '{shown}': listen on an IP address (127.0.0.1 for this computer, 0.0.0.0 for every interface) or localhost, not on the name '{url.Host}'; pass --allowed-hosts {url.Host} to reach it by that name");
            }

            urls.Add(url);
        }

        if (urls.Count == 0)
        {
            throw new AscimlException($"{source} is empty; use e.g. {WebApp.DefaultUrl}");
        }

        return urls;
    }

    private static bool HasExplicitPort(string url)
    {
        int authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        string authority = url[authorityStart..].Split('/', 2)[0];
        int colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') && colon < authority.Length - 1;
    }

    /// <summary>The loopback names, the specific IPs listened on, and the names the user passed.</summary>
    public static IReadOnlyList<string> AllowedHosts(IEnumerable<Uri> urls, string? extra)
    {
        var hosts = new List<string>(LoopbackHosts);
        foreach (Uri url in urls)
        {
            bool wildcard = IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? address)
                && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
            if (!wildcard && !hosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(url.Host);
            }
        }

        foreach (string name in (extra ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name == "*")
            {
                throw new AscimlException("--allowed-hosts '*' would let any web page drive this workspace; name the hosts instead");
            }

            if (!hosts.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(name);
            }
        }

        return hosts;
    }

    /// <summary>
    /// Refuses (403) a request to the Blazor hub, or any request that is not GET/HEAD/OPTIONS, whose Origin header is
    /// present and is not this very site (same scheme-less authority as the Host header).
    /// </summary>
    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        HttpRequest request = context.Request;
        bool sensitive = request.Path.StartsWithSegments("/_blazor") || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (sensitive && request.Headers.Origin.Count > 0 && !IsSameOrigin(request.Headers.Origin.ToString(), request.Host))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("cross-origin request refused");
            return;
        }

        await next(context);
    });

    public static bool IsSameOrigin(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && host.HasValue && string.Equals(url.Authority, host.Value, StringComparison.OrdinalIgnoreCase);
}
