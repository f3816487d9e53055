using Asciml.Core;
using Microsoft.AspNetCore.Http;

namespace Asciml.Web.Tests;

/// <summary>Issue 11, finding 4: listening addresses, allowed hosts and the Origin rule, without starting a server.</summary>
public sealed class HostSecurityTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1:5080")]
    [InlineData("http://localhost:5394", "localhost:5394")]
    [InlineData("http://0.0.0.0:5394", "0.0.0.0:5394")]
    [InlineData("http://[::1]:5080/", "[::1]:5080")]
    [InlineData(" http://127.0.0.1:1 ; http://[::1]:2 ", "127.0.0.1:1,[::1]:2")]
    public void UsableUrlsAreKeptExactly(string value, string authorities)
    {
        Assert.Equal(authorities, string.Join(',', HostSecurity.ParseUrls(value, "--urls").Select(u => u.Authority)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:notaport")]
    [InlineData("http://myhost:5394")]
    [InlineData("http://*:5394")]
    [InlineData("http://+:5394")]
    [InlineData("https://127.0.0.1:5443")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:5080/app")]
    [InlineData("127.0.0.1:5080")]
    [InlineData(";")]
    public void AnythingKestrelWouldReinterpretIsRefused(string value)
    {
        var error = Assert.Throws<AscimlException>(() => HostSecurity.ParseUrls(value, "--urls"));
        Assert.StartsWith("--urls", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void AllowedHostsAreLoopbackListenedIpsAndNamedHosts()
    {
        IReadOnlyList<Uri> urls = HostSecurity.ParseUrls("http://0.0.0.0:1;http://192.168.1.5:2", "--urls");
        Assert.Equal(["localhost", "127.0.0.1", "[::1]", "192.168.1.5", "studio.local"], HostSecurity.AllowedHosts(urls, "studio.local"));
        Assert.Throws<AscimlException>(() => HostSecurity.AllowedHosts(urls, "*"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", "localhost:5080", true)]
    [InlineData("http://attacker.example", "127.0.0.1:5080", false)]
    [InlineData("http://127.0.0.1:6000", "127.0.0.1:5080", false)]
    [InlineData("null", "127.0.0.1:5080", false)]
    [InlineData("file://", "127.0.0.1:5080", false)]
    public void OnlyThisVerySiteIsSameOrigin(string origin, string host, bool same)
    {
        Assert.Equal(same, HostSecurity.IsSameOrigin(origin, new HostString(host)));
    }
}
