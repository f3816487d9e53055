using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Asciml.Core.Osc;

/// <summary>A control change received over OSC.</summary>
public abstract record OscControlEvent
{
    /// <summary>
    /// The event an Asciml OSC message stands for, or null when it is not one (unknown address, wrong argument
    /// types, values out of range): `/asciml/amount f` (0..1 A→B), `/asciml/map f f` (x, y on the latent map),
    /// `/asciml/ab s s` (sound ids A and B), `/asciml/note i i` (MIDI note 0..127, velocity 0..127; 0 = note off).
    /// </summary>
    public static OscControlEvent? From(OscMessage message)
    {
        IReadOnlyList<object> a = message.Arguments;
        return (message.Address, message.TypeTags) switch
        {
            ("/asciml/amount", "f") when float.IsFinite((float)a[0]) => new AmountChanged((float)a[0]),
            ("/asciml/map", "ff") when float.IsFinite((float)a[0]) && float.IsFinite((float)a[1]) => new MapPointChanged((float)a[0], (float)a[1]),
            ("/asciml/ab", "ss") when ((string)a[0]).Length is > 0 and <= 200 && ((string)a[1]).Length is > 0 and <= 200 => new SoundsChosen((string)a[0], (string)a[1]),
            ("/asciml/note", "ii") when (int)a[0] is >= 0 and <= 127 && (int)a[1] is >= 0 and <= 127 => new NotePlayed((int)a[0], (int)a[1]),
            _ => null,
        };
    }
}

/// <summary>`/asciml/amount f`: the A→B amount (0 = A, 1 = B).</summary>
public sealed record AmountChanged(float Amount) : OscControlEvent;

/// <summary>`/asciml/map f f`: a point on the latent map.</summary>
public sealed record MapPointChanged(float X, float Y) : OscControlEvent;

/// <summary>`/asciml/ab s s`: the two sounds of the morph, by sound id.</summary>
public sealed record SoundsChosen(string SoundA, string SoundB) : OscControlEvent;

/// <summary>`/asciml/note i i`: a MIDI note and velocity (velocity 0 releases the note).</summary>
public sealed record NotePlayed(int Note, int Velocity) : OscControlEvent;

/// <summary>
/// Listens for OSC over UDP and turns Asciml messages into <see cref="OscControlEvent"/>s. Binds to loopback
/// unless another address is named. Packets that are not valid OSC, and valid messages that are not Asciml
/// controls, are dropped and counted; nothing a sender does stops the listener. Bundles are unpacked (their
/// time tags are ignored: everything applies at once). At most <see cref="QueueCapacity"/> events wait to be read;
/// beyond that the oldest are dropped.
/// </summary>
public sealed class OscListener : IDisposable
{
    public const int QueueCapacity = 1024;
    private readonly UdpClient _socket;
    private readonly Channel<OscControlEvent> _events =
        Channel.CreateBounded<OscControlEvent>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false });
    private long _rejectedPackets;
    private long _ignoredMessages;
    private long _acceptedMessages;

    /// <param name="port">UDP port (0 picks a free one; see <see cref="Port"/>).</param>
    /// <param name="address">Address to listen on; loopback (127.0.0.1) when null.</param>
    public OscListener(int port, IPAddress? address = null)
    {
        if (port is < 0 or > 65535)
        {
            throw new AscimlException($"OSC port {port} is out of range: use 1–65535");
        }

        try
        {
            _socket = new UdpClient(new IPEndPoint(address ?? IPAddress.Loopback, port));
        }
        catch (SocketException error)
        {
            throw new AscimlException($"cannot listen for OSC on {address ?? IPAddress.Loopback}:{port}: {error.Message}");
        }

        LocalEndPoint = (IPEndPoint)_socket.Client.LocalEndPoint!;
    }

    /// <summary>
    /// The endpoint `--osc-port` and `--osc-address` name, checked once for the CLI's options and the web app's
    /// configuration: a port up to 65535 (0, a free one, only where <paramref name="freePortAllowed"/>) on an IP
    /// address (loopback unless one is named). A bad value throws its one-line reason.
    /// </summary>
    public static IPEndPoint Endpoint(string port, string? address, bool freePortAllowed = true)
    {
        if (!int.TryParse(port, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int number)
            || number < (freePortAllowed ? 0 : 1) || number > 65535)
        {
            throw new AscimlException($"--osc-port '{port}' is not a port: use 1–65535");
        }

        IPAddress listen = IPAddress.Loopback;
        if (!string.IsNullOrWhiteSpace(address) && !IPAddress.TryParse(address, out listen!))
        {
            throw new AscimlException($"--osc-address '{address}' is not an IP address");
        }

        return new IPEndPoint(listen, number);
    }

    /// <summary>The address and port listened on.</summary>
    public IPEndPoint LocalEndPoint { get; }

    public int Port => LocalEndPoint.Port;

    /// <summary>Datagrams that were not valid OSC 1.0.</summary>
    public long RejectedPackets => Interlocked.Read(ref _rejectedPackets);

    /// <summary>Valid OSC messages that are not Asciml controls (unknown address, wrong types, out of range).</summary>
    public long IgnoredMessages => Interlocked.Read(ref _ignoredMessages);

    public long AcceptedMessages => Interlocked.Read(ref _acceptedMessages);

    /// <summary>The controls received, in order.</summary>
    public ChannelReader<OscControlEvent> Events => _events.Reader;

    /// <summary>Receives until cancelled or disposed.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await _socket.ReceiveAsync(cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException)
            {
                // e.g. an ICMP "port unreachable" reported on the socket: keep listening.
                continue;
            }

            Accept(datagram.Buffer);
        }

        _events.Writer.TryComplete();
    }

    /// <summary>Handles one datagram's bytes (also what <see cref="RunAsync"/> calls).</summary>
    public void Accept(ReadOnlySpan<byte> datagram)
    {
        OscPacket packet;
        try
        {
            packet = OscCodec.Decode(datagram);
        }
        catch (OscFormatException)
        {
            Interlocked.Increment(ref _rejectedPackets);
            return;
        }

        foreach (OscMessage message in Messages(packet))
        {
            if (OscControlEvent.From(message) is { } control)
            {
                Interlocked.Increment(ref _acceptedMessages);
                _events.Writer.TryWrite(control);
            }
            else
            {
                Interlocked.Increment(ref _ignoredMessages);
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private static IEnumerable<OscMessage> Messages(OscPacket packet) => packet switch
    {
        OscMessage message => [message],
        OscBundle bundle => bundle.Elements.SelectMany(Messages),
        _ => [],
    };
}
