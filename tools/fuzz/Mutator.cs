using System.Buffers.Binary;

namespace Asciml.Fuzz;

/// <summary>
/// Deterministic structure-unaware mutations (a seeded <see cref="Random"/>): bit flips, interesting bytes and
/// 16/32-bit values (0, ±1, extremes, sample rates, powers of two) written over the input, truncation, insertion,
/// deletion, duplication and splicing with another corpus input. Header fields of WAV and zip are 16/32-bit
/// little-endian, so value overwrites at random offsets hit them often.
/// </summary>
public sealed class Mutator(int seed)
{
    private static readonly int[] InterestingInts =
        [0, 1, -1, 2, 3, 7, 8, 16, 24, 32, 64, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x7FFFFFFF, int.MinValue,
         1000, 999, 768_000, 768_001, 1_000_000, 16_000, 44_100, 0xFFFE, 3, 0x7FFFFFF0];

    private static readonly long[] InterestingFloatBits =
        [BitConverter.DoubleToInt64Bits(double.NaN), BitConverter.DoubleToInt64Bits(double.PositiveInfinity), BitConverter.DoubleToInt64Bits(1e300),
         BitConverter.DoubleToInt64Bits(-1e39), BitConverter.DoubleToInt64Bits(2e6)];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        byte[] data = (byte[])input.Clone();
        int rounds = 1 + _random.Next(4);
        for (int round = 0; round < rounds; round++)
        {
            data = MutateOnce(data, corpus);
        }

        return data;
    }

    private byte[] MutateOnce(byte[] data, IReadOnlyList<byte[]> corpus)
    {
        if (data.Length == 0)
        {
            return [(byte)_random.Next(256)];
        }

        switch (_random.Next(11))
        {
            case 0:
                data[_random.Next(data.Length)] ^= (byte)(1 << _random.Next(8));
                return data;
            case 1:
                data[_random.Next(data.Length)] = (byte)InterestingInts[_random.Next(InterestingInts.Length)];
                return data;
            case 2 when data.Length >= 2:
                BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(_random.Next(data.Length - 1)), (short)InterestingInts[_random.Next(InterestingInts.Length)]);
                return data;
            case 3 when data.Length >= 4:
            case 4 when data.Length >= 4:
                // Favour the first 64 bytes: RIFF and fmt headers, zip local headers.
                int offset = _random.Next(2) == 0 ? _random.Next(Math.Min(61, data.Length - 3)) : _random.Next(data.Length - 3);
                BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(offset), InterestingInts[_random.Next(InterestingInts.Length)]);
                return data;
            case 5 when data.Length >= 8:
                BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(_random.Next(data.Length - 7)), InterestingFloatBits[_random.Next(InterestingFloatBits.Length)]);
                return data;
            case 6:
                return data[.._random.Next(data.Length)]; // truncate
            case 7:
            {
                int at = _random.Next(data.Length + 1);
                byte[] inserted = new byte[1 + _random.Next(16)];
                _random.NextBytes(inserted);
                return [.. data.AsSpan(0, at), .. inserted, .. data.AsSpan(at)];
            }

            case 8:
            {
                int at = _random.Next(data.Length);
                int count = Math.Min(data.Length - at, 1 + _random.Next(64));
                return [.. data.AsSpan(0, at), .. data.AsSpan(at + count)];
            }

            case 9:
            {
                int at = _random.Next(data.Length);
                int count = Math.Min(data.Length - at, 1 + _random.Next(256));
                return [.. data.AsSpan(0, at + count), .. data.AsSpan(at, count), .. data.AsSpan(at + count)]; // duplicate a block
            }

            default:
            {
                byte[] other = corpus[_random.Next(corpus.Count)];
                int cut = _random.Next(data.Length);
                int from = other.Length == 0 ? 0 : _random.Next(other.Length);
                return [.. data.AsSpan(0, cut), .. other.AsSpan(from)]; // splice
            }
        }
    }
}
