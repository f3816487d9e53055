using System.Buffers.Binary;
using Asciml.Core.IO;

namespace Asciml.Core.Audio;

/// <summary>How samples are stored in a written WAV file.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (format tag 1): rounded, clipped to ±1.</summary>
    Pcm16,

    /// <summary>24-bit signed integer PCM (format tag 1): rounded, clipped to ±1; what DAWs and samplers expect.</summary>
    Pcm24,

    /// <summary>32-bit IEEE float (format tag 3), lossless for our float samples.</summary>
    Float32,
}

/// <summary>Writes mono WAV files (canonical 44-byte header, RIFF little-endian).</summary>
public static class WavWriter
{
    public static byte[] ToBytes(MonoAudio audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(audio);
        int bytesPerSample = format switch
        {
            WavSampleFormat.Pcm16 => 2,
            WavSampleFormat.Pcm24 => 3,
            _ => 4,
        };
        int dataBytes = checked(audio.Samples.Length * bytesPerSample);
        byte[] wav = new byte[44 + dataBytes];
        Span<byte> span = wav;
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], (short)(format == WavSampleFormat.Float32 ? 3 : 1));
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], audio.SampleRateHz);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], audio.SampleRateHz * bytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)bytesPerSample);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], (short)(bytesPerSample * 8));
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);

        Span<byte> data = span[44..];
        float[] samples = audio.Samples;
        for (int i = 0; i < samples.Length; i++)
        {
            float sample = float.IsFinite(samples[i]) ? samples[i] : 0f;
            if (format == WavSampleFormat.Pcm16)
            {
                float scaled = MathF.Round(Math.Clamp(sample, -1f, 1f) * 32767f);
                BinaryPrimitives.WriteInt16LittleEndian(data[(i * 2)..], (short)scaled);
            }
            else if (format == WavSampleFormat.Pcm24)
            {
                int scaled = (int)MathF.Round(Math.Clamp(sample, -1f, 1f) * 8388607f);
                data[i * 3] = (byte)scaled;
                data[(i * 3) + 1] = (byte)(scaled >> 8);
                data[(i * 3) + 2] = (byte)(scaled >> 16);
            }
            else
            {
                BinaryPrimitives.WriteSingleLittleEndian(data[(i * 4)..], sample);
            }
        }

        return wav;
    }

    /// <summary>Writes atomically: a temporary file beside the target, then a rename, so readers never see half a file.</summary>
    public static void Write(string path, MonoAudio audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        AtomicFile.WriteAllBytes(path, ToBytes(audio, format)); // creates the folder: --out into a new folder
    }
}
