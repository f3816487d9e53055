using System.Buffers.Binary;

namespace Asciml.Core.Tests.Audio;

/// <summary>Builds WAV files byte by byte, including odd layouts real-world files have.</summary>
internal static class TestWav
{
    public static double[] Sine(double frequencyHz, int sampleRateHz, int frames, double amplitude = 0.5) =>
        Enumerable.Range(0, frames).Select(i => amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRateHz)).ToArray();

    /// <summary>Interleaves the same signal into every channel and encodes it.</summary>
    public static byte[] Build(double[] signal, int sampleRateHz, int channels = 1, int bits = 16, bool floatingPoint = false,
        bool extensible = false, IEnumerable<(string Id, byte[] Body)>? extraChunksBeforeData = null, int? declaredDataBytes = null)
    {
        int bytesPerSample = bits / 8;
        var data = new byte[signal.Length * channels * bytesPerSample];
        for (int frame = 0; frame < signal.Length; frame++)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                Span<byte> target = data.AsSpan(((frame * channels) + channel) * bytesPerSample, bytesPerSample);
                double v = signal[frame];
                if (floatingPoint && bits == 32) BinaryPrimitives.WriteSingleLittleEndian(target, (float)v);
                else if (floatingPoint) BinaryPrimitives.WriteDoubleLittleEndian(target, v);
                else if (bits == 8) target[0] = (byte)Math.Clamp(Math.Round(v * 127) + 128, 0, 255);
                else if (bits == 16) BinaryPrimitives.WriteInt16LittleEndian(target, (short)Math.Round(v * 32767));
                else if (bits == 24)
                {
                    int s = (int)Math.Round(v * 8388607);
                    target[0] = (byte)s; target[1] = (byte)(s >> 8); target[2] = (byte)(s >> 16);
                }
                else BinaryPrimitives.WriteInt32LittleEndian(target, (int)Math.Round(v * 2147483647.0));
            }
        }

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(0);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        ushort tag = (ushort)(floatingPoint ? 3 : 1);
        writer.Write(extensible ? 40 : 16);
        writer.Write(extensible ? (ushort)0xFFFE : tag);
        writer.Write((ushort)channels);
        writer.Write(sampleRateHz);
        writer.Write(sampleRateHz * channels * bytesPerSample);
        writer.Write((ushort)(channels * bytesPerSample));
        writer.Write((ushort)bits);
        if (extensible)
        {
            writer.Write((ushort)22);
            writer.Write((ushort)bits);
            writer.Write(channels == 6 ? 0x3F : 0x3);
            writer.Write(tag);
            writer.Write(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 });
        }

        foreach ((string id, byte[] body) in extraChunksBeforeData ?? [])
        {
            writer.Write(System.Text.Encoding.ASCII.GetBytes(id));
            writer.Write(body.Length);
            writer.Write(body);
            if (body.Length % 2 == 1) writer.Write((byte)0);
        }

        writer.Write("data"u8);
        writer.Write(declaredDataBytes ?? data.Length);
        writer.Write(data);
        byte[] bytes = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }

    public static string WriteTemp(byte[] bytes, string extension = ".wav")
    {
        string path = Path.Combine(Path.GetTempPath(), $"asciml-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Amplitude of a frequency component by correlation with a quadrature pair (signal must hold whole-ish periods).</summary>
    public static double Amplitude(float[] x, double frequencyHz, int sampleRateHz, int skip = 0)
    {
        double re = 0, im = 0;
        int n = x.Length - (2 * skip);
        for (int i = skip; i < x.Length - skip; i++)
        {
            double w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * (i - skip) / n); // Hann, coherent gain 0.5
            re += x[i] * w * Math.Cos(2 * Math.PI * frequencyHz * i / sampleRateHz);
            im += x[i] * w * Math.Sin(2 * Math.PI * frequencyHz * i / sampleRateHz);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / (n * 0.5);
    }
}
