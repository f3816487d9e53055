using System.Globalization;

namespace Asciml.Core.IO;

/// <summary>
/// CSV as RFC 4180 writes it, for every table the program prints or exports: fields joined by commas, a field that
/// holds a comma, a double quote or a line break enclosed in double quotes with its quotes doubled; numbers in the
/// invariant culture (a German locale must not turn 0.5 into "0,5", which would split the field); a missing value is
/// an empty field.
/// </summary>
public static class Csv
{
    public static string Field(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(',', '"', '\n') >= 0 || text.Contains('\r', StringComparison.Ordinal)
            ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : text;

    /// <summary>A number as text; <paramref name="format"/> "R" round-trips, "g6" is for people.</summary>
    public static string Number(double? value, string format = "R") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    /// <summary>One record: every field quoted as needed, no line break.</summary>
    public static string Line(params IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    public static void WriteLine(TextWriter writer, params IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Line(fields));
    }
}
