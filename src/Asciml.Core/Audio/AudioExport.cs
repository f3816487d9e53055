namespace Asciml.Core.Audio;

/// <summary>Writes clips for use elsewhere, e.g. in a DAW at 44.1 or 48 kHz.</summary>
public static class AudioExport
{
    public static IReadOnlyList<int> SupportedRatesHz { get; } = [16_000, 44_100, 48_000];

    public static byte[] ToWavBytes(MonoAudio clip, int targetRateHz, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (!SupportedRatesHz.Contains(targetRateHz))
        {
            throw new AscimlException($"export sample rate {targetRateHz} Hz is not offered (choose {string.Join(", ", SupportedRatesHz)})");
        }

        return WavWriter.ToBytes(Resampler.Resample(clip, targetRateHz), format);
    }
}
