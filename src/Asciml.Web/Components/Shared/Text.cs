using System.Globalization;

namespace Asciml.Web.Components.Shared;

/// <summary>Wording shared by the pages: counts with the right plural, dates as ISO 8601.</summary>
public static class Text
{
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count} {(count == 1 ? singular : plural ?? singular + "s")}";

    public static string Sounds(int count) => Count(count, "sound");

    /// <summary>Local time as "2026-11-28 06:25", matching the ISO-style model names.</summary>
    public static string Date(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
