using System.Buffers.Binary;
using System.Text;

namespace Asciml.Core.Osc;

/// <summary>
/// Encodes and decodes OSC 1.0 packets (https://opensoundcontrol.stanford.edu/spec-1_0.html): big-endian,
/// every field padded with zero bytes to a multiple of 4; argument types i (int32), f (float32), s (string),
/// b (blob); bundles "#bundle", a 64-bit time tag, then size-prefixed elements. Decoding is strict and never
/// reads past the packet: any malformed packet throws <see cref="OscFormatException"/>. Limits keep time and
/// memory bounded: packets up to <see cref="MaximumPacketBytes"/>, bundles nested at most
/// <see cref="MaximumBundleDepth"/> deep.
/// </summary>
public static class OscCodec
{
    public const int MaximumPacketBytes = 65_536;
    public const int MaximumBundleDepth = 8;
    private static readonly byte[] BundleHeader = "#bundle\0"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static char TagOf(object argument) => argument switch
    {
        int => 'i',
        float => 'f',
        string => 's',
        byte[] => 'b',
        _ => throw new ArgumentException($"OSC arguments are int, float, string or byte[], not {argument?.GetType().Name ?? "null"}", nameof(argument)),
    };

    public static byte[] Encode(OscPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        using var buffer = new MemoryStream();
        Write(buffer, packet, depth: 1);
        if (buffer.Length > MaximumPacketBytes)
        {
            throw new ArgumentException($"the packet would be {buffer.Length} bytes; OSC packets here are at most {MaximumPacketBytes}", nameof(packet));
        }

        return buffer.ToArray();
    }

    public static OscPacket Decode(ReadOnlySpan<byte> packet)
    {
        if (packet.Length > MaximumPacketBytes)
        {
            throw new OscFormatException($"packet of {packet.Length} bytes is larger than {MaximumPacketBytes}");
        }

        return Read(packet, depth: 1);
    }

    private static void Write(MemoryStream output, OscPacket packet, int depth)
    {
        Span<byte> word = stackalloc byte[4];
        switch (packet)
        {
            case OscMessage message:
                if (!message.Address.StartsWith('/'))
                {
                    throw new ArgumentException($"OSC address '{message.Address}' must start with '/'", nameof(packet));
                }

                WriteString(output, message.Address);
                WriteString(output, "," + message.TypeTags);
                foreach (object argument in message.Arguments)
                {
                    switch (argument)
                    {
                        case int value:
                            BinaryPrimitives.WriteInt32BigEndian(word, value);
                            output.Write(word);
                            break;
                        case float value:
                            BinaryPrimitives.WriteSingleBigEndian(word, value);
                            output.Write(word);
                            break;
                        case string value:
                            WriteString(output, value);
                            break;
                        case byte[] value:
                            BinaryPrimitives.WriteInt32BigEndian(word, value.Length);
                            output.Write(word);
                            output.Write(value);
                            Pad(output, value.Length);
                            break;
                    }
                }

                break;
            case OscBundle bundle:
                if (depth > MaximumBundleDepth)
                {
                    throw new ArgumentException($"bundles nest at most {MaximumBundleDepth} deep", nameof(packet));
                }

                output.Write(BundleHeader);
                Span<byte> timeTag = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(timeTag, bundle.TimeTag);
                output.Write(timeTag);
                foreach (OscPacket element in bundle.Elements)
                {
                    long sizeAt = output.Position;
                    output.Write(new byte[4]);
                    Write(output, element, depth + 1);
                    long end = output.Position;
                    output.Position = sizeAt;
                    BinaryPrimitives.WriteInt32BigEndian(word, checked((int)(end - sizeAt - 4)));
                    output.Write(word);
                    output.Position = end;
                }

                break;
            default:
                throw new ArgumentException($"unknown packet type {packet.GetType().Name}", nameof(packet));
        }
    }

    private static void WriteString(MemoryStream output, string value)
    {
        if (value.Contains('\0'))
        {
            throw new ArgumentException("OSC strings cannot contain a NUL character", nameof(value));
        }

        byte[] bytes = StrictUtf8.GetBytes(value);
        output.Write(bytes);
        output.WriteByte(0);
        Pad(output, bytes.Length + 1);
    }

    private static void Pad(MemoryStream output, int length)
    {
        for (int i = length; i % 4 != 0; i++)
        {
            output.WriteByte(0);
        }
    }

    private static OscPacket Read(ReadOnlySpan<byte> packet, int depth)
    {
        if (packet.Length == 0)
        {
            throw new OscFormatException("empty packet");
        }

        if (packet.Length % 4 != 0)
        {
            throw new OscFormatException($"packet of {packet.Length} bytes is not a multiple of 4");
        }

        return packet[0] == (byte)'#' ? ReadBundle(packet, depth) : ReadMessage(packet);
    }

    private static OscBundle ReadBundle(ReadOnlySpan<byte> packet, int depth)
    {
        if (depth > MaximumBundleDepth)
        {
            throw new OscFormatException($"bundles nested more than {MaximumBundleDepth} deep");
        }

        if (packet.Length < 16 || !packet[..8].SequenceEqual(BundleHeader))
        {
            throw new OscFormatException("a packet starting with '#' is not a valid bundle header");
        }

        ulong timeTag = BinaryPrimitives.ReadUInt64BigEndian(packet[8..16]);
        var elements = new List<OscPacket>();
        int position = 16;
        while (position < packet.Length)
        {
            if (packet.Length - position < 4)
            {
                throw new OscFormatException("bundle element size is cut off");
            }

            int size = BinaryPrimitives.ReadInt32BigEndian(packet[position..]);
            position += 4;
            if (size <= 0 || size % 4 != 0 || size > packet.Length - position)
            {
                throw new OscFormatException($"bundle element size {size} is not a positive multiple of 4 within the {packet.Length - position} bytes left");
            }

            elements.Add(Read(packet.Slice(position, size), depth + 1));
            position += size;
        }

        return new OscBundle(timeTag, elements);
    }

    private static OscMessage ReadMessage(ReadOnlySpan<byte> packet)
    {
        int position = 0;
        string address = ReadString(packet, ref position, "address");
        if (!address.StartsWith('/'))
        {
            throw new OscFormatException($"address '{Shorten(address)}' does not start with '/'");
        }

        if (position >= packet.Length)
        {
            throw new OscFormatException($"message {Shorten(address)} has no type tag string");
        }

        string tags = ReadString(packet, ref position, "type tag string");
        if (!tags.StartsWith(','))
        {
            throw new OscFormatException($"type tag string of {Shorten(address)} does not start with ','");
        }

        var arguments = new List<object>(tags.Length - 1);
        foreach (char tag in tags.AsSpan(1))
        {
            switch (tag)
            {
                case 'i':
                    arguments.Add(BinaryPrimitives.ReadInt32BigEndian(Take(packet, ref position, 4, "int32")));
                    break;
                case 'f':
                    arguments.Add(BinaryPrimitives.ReadSingleBigEndian(Take(packet, ref position, 4, "float32")));
                    break;
                case 's':
                    arguments.Add(ReadString(packet, ref position, "string argument"));
                    break;
                case 'b':
                    int size = BinaryPrimitives.ReadInt32BigEndian(Take(packet, ref position, 4, "blob size"));
                    if (size < 0 || size > packet.Length - position)
                    {
                        throw new OscFormatException($"blob size {size} does not fit the {packet.Length - position} bytes left");
                    }

                    arguments.Add(Take(packet, ref position, size, "blob").ToArray());
                    SkipPadding(packet, ref position, size);
                    break;
                default:
                    throw new OscFormatException($"type tag '{(char.IsControl(tag) ? '?' : tag)}' is not supported (i, f, s, b are)");
            }
        }

        if (position != packet.Length)
        {
            throw new OscFormatException($"{packet.Length - position} bytes follow the last argument of {Shorten(address)}");
        }

        return new OscMessage(address, arguments);
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> packet, ref int position, int count, string what)
    {
        if (count > packet.Length - position)
        {
            throw new OscFormatException($"{what} is cut off");
        }

        ReadOnlySpan<byte> taken = packet.Slice(position, count);
        position += count;
        return taken;
    }

    private static string ReadString(ReadOnlySpan<byte> packet, ref int position, string what)
    {
        int terminator = packet[position..].IndexOf((byte)0);
        if (terminator < 0)
        {
            throw new OscFormatException($"{what} has no terminating NUL");
        }

        string value;
        try
        {
            value = StrictUtf8.GetString(packet.Slice(position, terminator));
        }
        catch (DecoderFallbackException)
        {
            throw new OscFormatException($"{what} is not valid UTF-8");
        }

        position += terminator + 1;
        SkipPadding(packet, ref position, terminator + 1);
        return value;
    }

    private static void SkipPadding(ReadOnlySpan<byte> packet, ref int position, int length)
    {
        int padding = (4 - (length % 4)) % 4;
        ReadOnlySpan<byte> pad = Take(packet, ref position, padding, "padding");
        if (pad.ContainsAnyExcept((byte)0))
        {
            throw new OscFormatException("padding bytes are not zero");
        }
    }

    private static string Shorten(string text)
    {
        string visible = new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return visible.Length <= 40 ? visible : visible[..40] + "…";
    }
}
