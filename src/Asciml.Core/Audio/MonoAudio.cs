namespace Asciml.Core.Audio;

/// <summary>Mono audio: 32-bit float samples (nominal range −1..1) at a known sample rate.</summary>
public sealed class MonoAudio
{
    public MonoAudio(float[] samples, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        Samples = samples;
        SampleRateHz = sampleRateHz;
    }

    /// <summary>The samples. Treat as read-only: instances are shared freely.</summary>
    public float[] Samples { get; }

    public int SampleRateHz { get; }

    public double DurationSeconds => (double)Samples.Length / SampleRateHz;
}
