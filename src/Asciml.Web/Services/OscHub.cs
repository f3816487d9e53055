using System.Collections.Immutable;
using System.Net;
using Asciml.Core;
using Asciml.Core.Osc;

namespace Asciml.Web.Services;

/// <summary>
/// Hands OSC controls to the open pages: each page subscribes while it is open and gets every control received
/// (amount, map point, sounds A and B, notes). A handler that throws is skipped, never stopping the others.
/// </summary>
public sealed class OscHub
{
    private ImmutableList<Func<OscControlEvent, Task>> _subscribers = [];

    public int Subscribers => _subscribers.Count;

    public IDisposable Subscribe(Func<OscControlEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _subscribers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _subscribers, list => list.Remove(handler)));
    }

    public async Task PublishAsync(OscControlEvent control)
    {
        foreach (Func<OscControlEvent, Task> handler in _subscribers)
        {
            try
            {
                await handler(control);
            }
            catch (Exception error) when (error is AscimlException or ObjectDisposedException or InvalidOperationException or Microsoft.JSInterop.JSException or TaskCanceledException)
            {
                // A page that is closing (disposed circuit, gone browser) must not stop the others from following.
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

/// <summary>Runs the <see cref="OscListener"/> (when `--osc-port` is given) and forwards its controls to the <see cref="OscHub"/>.</summary>
public sealed class OscService(OscListener listener, OscHub hub) : BackgroundService
{
    /// <summary>`--osc-port` (0 picks a free port) and `--osc-address` (loopback unless named) from the configuration.</summary>
    public static OscListener? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? port = configuration["osc-port"];
        if (string.IsNullOrWhiteSpace(port))
        {
            return null;
        }

        IPEndPoint endpoint = OscListener.Endpoint(port, configuration["osc-address"]);
        return new OscListener(endpoint.Port, endpoint.Address);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Task receiving = listener.RunAsync(stoppingToken);
        try
        {
            await foreach (OscControlEvent control in listener.Events.ReadAllAsync(stoppingToken))
            {
                await hub.PublishAsync(control);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        await receiving;
    }
}
