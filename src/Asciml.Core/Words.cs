using System.Globalization;

namespace Asciml.Core;

/// <summary>Wording shared by the web pages and the CLI: counts with the right plural, dates as ISO 8601.</summary>
public static class Words
{
    /// <summary>"1 sound", "3 sounds", "2 epochs".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";

    public static string Sounds(int count) => Count(count, "sound");

    /// <summary>Local time as "2026-11-28 06:25", matching the ISO-style model names.</summary>
    public static string Date(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A transposition in semitones: "none", "+1 semitone", "−12 semitones" (a true minus sign).</summary>
    public static string Semitones(int semitones) =>
        semitones == 0 ? "none" : $"{semitones.ToString("+0;−0", CultureInfo.InvariantCulture)} semitone{(Math.Abs(semitones) == 1 ? "" : "s")}";
}
