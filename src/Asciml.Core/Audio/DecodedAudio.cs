namespace Asciml.Core.Audio;

/// <summary>What a file holds, as it was before any conversion.</summary>
/// <param name="Format">Container and encoding, e.g. "WAV PCM 24-bit", "WAV float 32-bit", "mp3".</param>
/// <param name="PeakAmplitude">Largest absolute sample over all channels (1.0 = full scale).</param>
public sealed record AudioFileInfo(string Format, int Channels, int SampleRateHz, long FrameCount, double PeakAmplitude)
{
    public double DurationSeconds => (double)FrameCount / SampleRateHz;

    /// <summary>Peak in dB relative to full scale; negative infinity for digital silence.</summary>
    public double PeakDbfs => PeakAmplitude > 0 ? 20 * Math.Log10(PeakAmplitude) : double.NegativeInfinity;
}

/// <summary>A decoded file: its samples mixed down to mono at the original rate, what it was, and any warnings.</summary>
public sealed record DecodedAudio(MonoAudio Audio, AudioFileInfo Info, IReadOnlyList<string> Warnings);
