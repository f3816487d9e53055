namespace Asciml.Core.Audio;

/// <summary>What the model sees: mono, 16 kHz, exactly one second (16000 samples), as in the paper.</summary>
public static class ModelInputFormat
{
    public const int SampleRateHz = 16_000;
    public const int LengthSamples = 16_000;
    public const double DurationSeconds = 1.0;

    /// <summary>
    /// The one "is this a model input?" check, before a sound is stored, encoded, trained on or analysed for control
    /// curves: the rate and the length (a <see cref="MonoAudio"/> is mono already) and finite samples (one NaN would
    /// turn a whole training batch into NaN). <paramref name="what"/> names the sound in the message.
    /// </summary>
    public static void Check(MonoAudio audio, string what)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.SampleRateHz != SampleRateHz || audio.Samples.Length != LengthSamples)
        {
            throw new AscimlException(
                $"{what} is {audio.Samples.Length} samples at {audio.SampleRateHz} Hz; the model needs {LengthSamples} samples at {SampleRateHz} Hz (mono, one second): convert it first (`asciml convert`)");
        }

        foreach (float sample in audio.Samples)
        {
            if (!float.IsFinite(sample))
            {
                throw new AscimlException($"{what} contains NaN or infinite samples: re-record or re-import it");
            }
        }
    }
}
