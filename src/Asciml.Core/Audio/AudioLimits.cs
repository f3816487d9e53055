namespace Asciml.Core.Audio;

/// <summary>
/// The bounds every audio input is held to before anything is allocated for it, so that no file — however its header
/// lies — costs more than a bounded time and memory. docs/RELIABILITY.md lists them.
/// </summary>
public static class AudioLimits
{
    /// <summary>The lowest sample rate accepted (telephone audio is 8 kHz; nothing musical is below 1 kHz).</summary>
    public const int MinSampleRateHz = 1_000;

    /// <summary>The highest sample rate accepted (DXD/DSD-to-PCM studio rates go up to 768 kHz).</summary>
    public const int MaxSampleRateHz = 768_000;

    /// <summary>Samples beyond this magnitude (full scale is 1) are damage, not audio: refused like NaN and infinity.</summary>
    public const double MaxSampleMagnitude = 1e6;

    /// <summary>The message part naming the accepted rates, e.g. for "…says a sample rate of 1 Hz (supported: …)".</summary>
    public static string SupportedRates => $"{MinSampleRateHz / 1000} kHz to {MaxSampleRateHz / 1000} kHz";

    public static bool IsSupportedRate(long rateHz) => rateHz is >= MinSampleRateHz and <= MaxSampleRateHz;

    /// <summary>Null when the sample is usable; otherwise why not ("NaN", "infinite", "1E+30, far beyond full scale").</summary>
    public static string? WhyUnusable(double sample) =>
        double.IsNaN(sample) ? "NaN"
        : double.IsInfinity(sample) ? "infinite"
        : Math.Abs(sample) > MaxSampleMagnitude ? $"{sample:G3}, far beyond full scale (1.0)"
        : null;

    /// <summary>
    /// A file name fit for a one-line message: control characters (a newline in a file name) are shown escaped.
    /// </summary>
    public static string DisplayName(string name)
    {
        if (!name.Any(char.IsControl))
        {
            return name;
        }

        var builder = new System.Text.StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
