namespace Asciml.Core.Audio;

/// <summary>What a file holds, as it was before any conversion.</summary>
/// <param name="Format">Container and encoding, e.g. "WAV PCM 24-bit", "WAV float 32-bit", "mp3".</param>
/// <param name="PeakAmplitude">Largest absolute sample over all channels (1.0 = full scale).</param>
public sealed record AudioFileInfo(string Format, int Channels, int SampleRateHz, long FrameCount, double PeakAmplitude)
{
    public double DurationSeconds => (double)FrameCount / SampleRateHz;

    /// <summary>Peak in dB relative to full scale; negative infinity for digital silence.</summary>
    public double PeakDbfs => PeakAmplitude > 0 ? 20 * Math.Log10(PeakAmplitude) : double.NegativeInfinity;

    /// <summary>One line, as `asciml info` prints it: "WAV PCM 16-bit, 2 channels, 44100 Hz, 2.000 s, peak 0.2500 (-12.0 dBFS)".</summary>
    public string Describe()
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string level = double.IsNegativeInfinity(PeakDbfs) ? "silent" : string.Create(invariant, $"{PeakDbfs:0.0} dBFS");
        return string.Create(invariant, $"{Format}, {Words.Count(Channels, "channel")}, {SampleRateHz} Hz, {DurationSeconds:0.000} s, peak {PeakAmplitude:0.0000} ({level})");
    }
}

/// <summary>A decoded file: its samples mixed down to mono at the original rate, what it was, and any warnings.</summary>
public sealed record DecodedAudio(MonoAudio Audio, AudioFileInfo Info, IReadOnlyList<string> Warnings);
