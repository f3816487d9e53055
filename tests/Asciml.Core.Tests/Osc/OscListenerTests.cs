using System.Net;
using System.Net.Sockets;
using Asciml.Core.Osc;

namespace Asciml.Core.Tests.Osc;

public sealed class OscListenerTests
{
    [Fact]
    public async Task RealDatagramsOnLoopbackBecomeTypedEventsAndJunkIsCounted()
    {
        using var listener = new OscListener(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task running = listener.RunAsync(stop.Token);
        using var sender = new UdpClient(AddressFamily.InterNetwork);
        var target = new IPEndPoint(IPAddress.Loopback, listener.Port);

        byte[][] datagrams =
        [
            [1, 2, 3],                                                       // not OSC
            "/asciml/amount\0\0,f\0\0\0\0\0"u8.ToArray()[..^1],             // misaligned
            OscCodec.Encode(new OscMessage("/asciml/amount", 0.75f)),
            OscCodec.Encode(new OscMessage("/asciml/amount", "loud")),       // wrong type: ignored, not rejected
            OscCodec.Encode(new OscMessage("/asciml/map", -0.5f, 1.25f)),
            OscCodec.Encode(new OscMessage("/asciml/ab", "kick-01", "pad-07")),
            OscCodec.Encode(new OscBundle(OscBundle.Immediately, [new OscMessage("/asciml/note", 60, 100), new OscMessage("/asciml/note", 60, 0)])),
            OscCodec.Encode(new OscMessage("/asciml/note", 200, 1)),          // out of range: ignored
        ];
        foreach (byte[] datagram in datagrams)
        {
            await sender.SendAsync(datagram, target, TestContext.Current.CancellationToken);
        }

        var received = new List<OscControlEvent>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30)); // a safety net against a hang, not a timing check
        while (received.Count < 5)
        {
            received.Add(await listener.Events.ReadAsync(deadline.Token));
        }

        Assert.Equal<OscControlEvent>(
            [new AmountChanged(0.75f), new MapPointChanged(-0.5f, 1.25f), new SoundsChosen("kick-01", "pad-07"), new NotePlayed(60, 100), new NotePlayed(60, 0)],
            received);

        // The out-of-range note was sent last; send one more valid message and wait for it, so every earlier
        // datagram has been handled before the counts are read.
        await sender.SendAsync(OscCodec.Encode(new OscMessage("/asciml/amount", 0f)), target, TestContext.Current.CancellationToken);
        Assert.Equal(new AmountChanged(0f), await listener.Events.ReadAsync(deadline.Token));
        Assert.Equal(2, listener.RejectedPackets);
        Assert.Equal(2, listener.IgnoredMessages);
        Assert.Equal(6, listener.AcceptedMessages);

        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public void ItListensOnLoopbackUnlessAnAddressIsNamed()
    {
        using var listener = new OscListener(0);
        Assert.True(listener.Port > 0);
        Assert.Equal(IPAddress.Loopback, listener.LocalEndPoint.Address);
        using (var named = new OscListener(0, IPAddress.Any))
        {
            Assert.Equal(IPAddress.Any, named.LocalEndPoint.Address);
        }

        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Assert.Throws<AscimlException>(() => new OscListener(((IPEndPoint)probe.Client.LocalEndPoint!).Port));
        Assert.Throws<AscimlException>(() => new OscListener(70_000));
    }

    [Fact]
    public void ControlsNeedTheRightAddressTypesAndRanges()
    {
        Assert.Equal(new AmountChanged(0.5f), OscControlEvent.From(new OscMessage("/asciml/amount", 0.5f)));
        Assert.Null(OscControlEvent.From(new OscMessage("/asciml/amount", 1)));
        Assert.Null(OscControlEvent.From(new OscMessage("/asciml/amount", float.NaN)));
        Assert.Null(OscControlEvent.From(new OscMessage("/asciml/map", 0.5f)));
        Assert.Null(OscControlEvent.From(new OscMessage("/asciml/ab", "a", "")));
        Assert.Null(OscControlEvent.From(new OscMessage("/asciml/note", 60, 128)));
        Assert.Null(OscControlEvent.From(new OscMessage("/other", 0.5f)));
    }

    [Fact]
    public void TheOscOptionsAreCheckedOnceForTheCliAndTheWebApp()
    {
        // Issue 12: `serve` and the web app's configuration each checked --osc-port and --osc-address.
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 9000), OscListener.Endpoint("9000", null));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("0.0.0.0"), 0), OscListener.Endpoint("0", "0.0.0.0"));
        Assert.Equal("--osc-port '0' is not a port: use 1–65535", Assert.Throws<AscimlException>(() => OscListener.Endpoint("0", null, freePortAllowed: false)).Message);
        Assert.Equal("--osc-port '70000' is not a port: use 1–65535", Assert.Throws<AscimlException>(() => OscListener.Endpoint("70000", null)).Message);
        Assert.Equal("--osc-port 'x' is not a port: use 1–65535", Assert.Throws<AscimlException>(() => OscListener.Endpoint("x", null)).Message);
        Assert.Equal("--osc-address 'not-an-address' is not an IP address", Assert.Throws<AscimlException>(() => OscListener.Endpoint("9000", "not-an-address")).Message);
    }
}
