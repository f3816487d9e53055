namespace Asciml.Core.Osc;

/// <summary>An OSC 1.0 packet: a message or a bundle.</summary>
public abstract record OscPacket;

/// <summary>
/// An OSC message: an address pattern and arguments, each an <see cref="int"/> (tag i), <see cref="float"/> (f),
/// <see cref="string"/> (s) or <see cref="byte"/>[] (b, a blob).
/// </summary>
public sealed record OscMessage(string Address, IReadOnlyList<object> Arguments) : OscPacket
{
    public OscMessage(string address, params object[] arguments) : this(address, (IReadOnlyList<object>)arguments) { }

    /// <summary>The type tags of the arguments, e.g. "ff" (without the leading comma).</summary>
    public string TypeTags => string.Concat(Arguments.Select(OscCodec.TagOf));
}

/// <summary>An OSC bundle: a time tag (NTP format; 1 = immediately) and its elements, messages or bundles.</summary>
public sealed record OscBundle(ulong TimeTag, IReadOnlyList<OscPacket> Elements) : OscPacket
{
    public const ulong Immediately = 1;
}

/// <summary>A packet that is not valid OSC 1.0 (or goes beyond what Asciml accepts); the message says why.</summary>
public sealed class OscFormatException(string message) : AscimlException(message);
