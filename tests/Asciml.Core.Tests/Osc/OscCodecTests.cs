using System.Buffers.Binary;
using Asciml.Core.Osc;

namespace Asciml.Core.Tests.Osc;

public sealed class OscCodecTests
{
    private static void AssertSame(OscPacket expected, OscPacket actual)
    {
        switch ((expected, actual))
        {
            case (OscMessage e, OscMessage a):
                Assert.Equal(e.Address, a.Address);
                Assert.Equal(e.TypeTags, a.TypeTags);
                for (int i = 0; i < e.Arguments.Count; i++)
                {
                    if (e.Arguments[i] is byte[] blob)
                    {
                        Assert.Equal(blob, (byte[])a.Arguments[i]);
                    }
                    else
                    {
                        Assert.Equal(e.Arguments[i], a.Arguments[i]);
                    }
                }

                break;
            case (OscBundle e, OscBundle a):
                Assert.Equal(e.TimeTag, a.TimeTag);
                Assert.Equal(e.Elements.Count, a.Elements.Count);
                for (int i = 0; i < e.Elements.Count; i++)
                {
                    AssertSame(e.Elements[i], a.Elements[i]);
                }

                break;
            default:
                Assert.Fail($"expected {expected.GetType().Name}, got {actual.GetType().Name}");
                break;
        }
    }

    [Fact]
    public void AMessageHasTheSpecifiedBytes()
    {
        // The OSC 1.0 specification's example: "/oscillator/4/frequency" ,f 440.0
        byte[] bytes = OscCodec.Encode(new OscMessage("/oscillator/4/frequency", 440f));
        byte[] expected =
        [
            .. "/oscillator/4/frequency"u8, 0,
            .. ",f"u8, 0, 0,
            0x43, 0xdc, 0x00, 0x00,
        ];
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("/a")]
    [InlineData("/abc")]
    [InlineData("/asciml/amount")]
    public void MessagesRoundTripWithEveryTypeAndPadding(string address)
    {
        OscMessage[] messages =
        [
            new(address),
            new(address, 1, -7, int.MaxValue, int.MinValue),
            new(address, 0.25f, float.NegativeInfinity, -0f),
            new(address, "", "a", "abc", "abcd", "grüße"),
            new(address, Array.Empty<byte>(), new byte[] { 1 }, new byte[] { 1, 2, 3, 4 }, new byte[] { 9, 8, 7, 6, 5 }),
            new(address, 3, 0.5f, "mixed", new byte[] { 255, 0 }),
        ];
        foreach (OscMessage message in messages)
        {
            byte[] bytes = OscCodec.Encode(message);
            Assert.Equal(0, bytes.Length % 4);
            AssertSame(message, OscCodec.Decode(bytes));
        }
    }

    [Fact]
    public void NestedBundlesRoundTrip()
    {
        var bundle = new OscBundle(0x0123456789abcdefUL,
        [
            new OscMessage("/asciml/amount", 0.5f),
            new OscBundle(OscBundle.Immediately, [new OscMessage("/asciml/note", 60, 100), new OscMessage("/asciml/ab", "s1", "s2")]),
            new OscBundle(OscBundle.Immediately, []),
        ]);
        byte[] bytes = OscCodec.Encode(bundle);
        Assert.Equal("#bundle\0"u8.ToArray(), bytes[..8]);
        Assert.Equal(0x0123456789abcdefUL, BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8)));
        AssertSame(bundle, OscCodec.Decode(bytes));
    }

    public static TheoryData<string, string, byte[]> Malformed()
    {
        byte[] good = OscCodec.Encode(new OscMessage("/asciml/map", 0.1f, 0.2f));
        byte[] blob = OscCodec.Encode(new OscMessage("/b", new byte[] { 1, 2, 3, 4 }));
        byte[] hugeBlob = (byte[])blob.Clone();
        BinaryPrimitives.WriteInt32BigEndian(hugeBlob.AsSpan(8), int.MaxValue);
        byte[] negativeBlob = (byte[])blob.Clone();
        BinaryPrimitives.WriteInt32BigEndian(negativeBlob.AsSpan(8), -4);
        byte[] bundle = OscCodec.Encode(new OscBundle(1, [new OscMessage("/x", 1)]));
        byte[] hugeElement = (byte[])bundle.Clone();
        BinaryPrimitives.WriteInt32BigEndian(hugeElement.AsSpan(16), int.MaxValue);
        byte[] oddElement = (byte[])bundle.Clone();
        BinaryPrimitives.WriteInt32BigEndian(oddElement.AsSpan(16), 6);
        byte[] badPadding = (byte[])good.Clone();
        badPadding[14] = (byte)'x'; // "/asciml/map\0" is 12 bytes; ",ff\0" becomes ",fx\0"
        OscPacket deep = new OscMessage("/x", 1);
        for (int i = 0; i < OscCodec.MaximumBundleDepth + 1; i++)
        {
            deep = new OscBundle(1, [deep]);
        }

        return new TheoryData<string, string, byte[]>
        {
            { "empty", "empty packet", [] },
            { "truncated by 4", "cut off", good[..^4] },
            { "truncated by 1 (misaligned)", "multiple of 4", good[..^1] },
            { "truncated address", "no terminating NUL", good[..4] },
            { "trailing bytes", "follow the last argument", [.. good, 0, 0, 0, 0] },
            { "unknown tag", "'q' is not supported", OscCodec.Encode(new OscMessage("/x", 1))[..^4].Select(b => b == (byte)'i' ? (byte)'q' : b).ToArray() },
            { "no type tags", "no type tag string", "/abc\0\0\0\0"u8.ToArray() },
            { "no leading slash", "does not start with '/'", "abc\0,i\0\0\0\0\0\u0001"u8.ToArray() },
            { "no leading comma", "does not start with ','", "/abc\0\0\0\0i\0\0\0\0\0\0\u0001"u8.ToArray() },
            { "huge blob", "blob size 2147483647", hugeBlob },
            { "negative blob", "blob size -4", negativeBlob },
            { "huge bundle element", "element size 2147483647", hugeElement },
            { "misaligned bundle element", "element size 6", oddElement },
            { "bundle header cut", "bundle header", bundle[..12] },
            { "bad bundle header", "bundle header", "#bundlX\0\0\0\0\0\0\0\0\u0001"u8[..16].ToArray() },
            { "corrupt type tag string", "'x' is not supported", badPadding },
            { "non-zero padding", "padding bytes are not zero", "/ab\0,\0\0x"u8.ToArray() },
            { "invalid UTF-8", "not valid UTF-8", new byte[] { (byte)'/', (byte)'a', 0xff, 0, (byte)',', 0, 0, 0 } },
            { "too deep", "nested more than", OscCodecTestsHelper.EncodeUnchecked(deep) },
            { "too large", "larger than", new byte[OscCodec.MaximumPacketBytes + 4] },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedPacketsAreRejectedWithATypedException(string why, string reason, byte[] packet)
    {
        var error = Assert.Throws<OscFormatException>(() => OscCodec.Decode(packet));
        Assert.True(error.Message.Contains(reason, StringComparison.Ordinal), $"{why}: {error.Message}");
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void EncodingRefusesWhatOscCannotCarry()
    {
        Assert.Throws<ArgumentException>(() => OscCodec.Encode(new OscMessage("no-slash", 1)));
        Assert.Throws<ArgumentException>(() => OscCodec.Encode(new OscMessage("/x", 1.0)));
        Assert.Throws<ArgumentException>(() => OscCodec.Encode(new OscMessage("/x", "nul\0inside")));
    }

    [Fact]
    public void FuzzedPacketsEitherDecodeOrAreRejected()
    {
        var random = new Random(20261128);
        byte[][] seeds =
        [
            OscCodec.Encode(new OscMessage("/asciml/amount", 0.5f)),
            OscCodec.Encode(new OscMessage("/asciml/ab", "kick-01", "snare-02")),
            OscCodec.Encode(new OscMessage("/b", new byte[] { 1, 2, 3, 4, 5 }, 7, "x")),
            OscCodec.Encode(new OscBundle(1, [new OscMessage("/asciml/note", 60, 90), new OscBundle(2, [new OscMessage("/asciml/map", 0.1f, 0.9f)])])),
        ];
        int decoded = 0, rejected = 0;
        for (int round = 0; round < 20_000; round++)
        {
            byte[] packet = (byte[])seeds[random.Next(seeds.Length)].Clone();
            switch (random.Next(4))
            {
                case 0:
                    packet[random.Next(packet.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    packet[random.Next(packet.Length)] = (byte)random.Next(256);
                    packet[random.Next(packet.Length)] = (byte)random.Next(256);
                    break;
                case 2:
                    packet = packet[..random.Next(packet.Length)];
                    break;
                default:
                    packet = new byte[4 * random.Next(0, 16)];
                    random.NextBytes(packet);
                    if (packet.Length > 0 && random.Next(2) == 0)
                    {
                        packet[0] = (byte)(random.Next(2) == 0 ? '/' : '#');
                    }

                    break;
            }

            try
            {
                OscPacket result = OscCodec.Decode(packet);
                decoded++;
                Assert.NotNull(result);
            }
            catch (OscFormatException)
            {
                rejected++;
            }
        }

        Assert.True(decoded > 0 && rejected > 0, $"decoded {decoded}, rejected {rejected}");
    }
}

/// <summary>Builds a bundle nested deeper than the encoder allows, to check the decoder's own limit.</summary>
internal static class OscCodecTestsHelper
{
    public static byte[] EncodeUnchecked(OscPacket packet)
    {
        if (packet is not OscBundle bundle)
        {
            return OscCodec.Encode(packet);
        }

        var bytes = new List<byte>("#bundle\0"u8.ToArray());
        var timeTag = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(timeTag, bundle.TimeTag);
        bytes.AddRange(timeTag);
        foreach (OscPacket element in bundle.Elements)
        {
            byte[] inner = EncodeUnchecked(element);
            var size = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(size, inner.Length);
            bytes.AddRange(size);
            bytes.AddRange(inner);
        }

        return [.. bytes];
    }
}
