using System.Net;
using System.Net.Sockets;
using Asciml.Core;
using Asciml.Core.Osc;
using Asciml.Web.Services;

namespace Asciml.Web.Tests;

/// <summary>The play page's services: the OSC hub with a real UDP listener (keyboard sets: Asciml.Model.Tests/KeyboardRendersTests).</summary>
public sealed class PlayServiceTests
{
    [Fact]
    public async Task OscControlsReachEverySubscriberThroughTheRealListener()
    {
        var hub = new OscHub();
        using var listener = new OscListener(0);
        using var service = new OscService(listener, hub);
        var received = new List<OscControlEvent>();
        var done = new TaskCompletionSource();
        using IDisposable failing = hub.Subscribe(_ => throw new AscimlException("a closing page"));
        using IDisposable page = hub.Subscribe(control =>
        {
            lock (received)
            {
                received.Add(control);
                if (received.Count == 3)
                {
                    done.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });
        await service.StartAsync(TestContext.Current.CancellationToken);
        using var client = new UdpClient();
        foreach (OscPacket packet in new OscPacket[]
        {
            new OscMessage("/asciml/amount", 0.25f),
            new OscMessage("/asciml/unknown", 1),
            new OscBundle(OscBundle.Immediately, [new OscMessage("/asciml/map", 0.5f, -1f), new OscMessage("/asciml/note", 60, 100)]),
        })
        {
            byte[] bytes = OscCodec.Encode(packet);
            await client.SendAsync(bytes, bytes.Length, new IPEndPoint(IPAddress.Loopback, listener.Port));
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await service.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal([new AmountChanged(0.25f), new MapPointChanged(0.5f, -1f), new NotePlayed(60, 100)], received);
        Assert.Equal(1, listener.IgnoredMessages);
        Assert.Equal(2, hub.Subscribers);
    }
}
