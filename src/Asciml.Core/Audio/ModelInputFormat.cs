namespace Asciml.Core.Audio;

/// <summary>What the model sees: mono, 16 kHz, exactly one second (16000 samples), as in the paper.</summary>
public static class ModelInputFormat
{
    public const int SampleRateHz = 16_000;
    public const int LengthSamples = 16_000;
    public const double DurationSeconds = 1.0;
}
