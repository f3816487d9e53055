using System.Collections.Immutable;
using System.Text.Json;

namespace Asciml.Core.Synthesis;

/// <summary>A complete, validated set of values for one method: every parameter of the catalogue has one.</summary>
public sealed class SynthSettings
{
    private SynthSettings(SynthesisMethod method, ImmutableSortedDictionary<string, double> values)
    {
        Method = method;
        Values = values;
    }

    public SynthesisMethod Method { get; }

    public ImmutableSortedDictionary<string, double> Values { get; }

    public double this[string name] => Values.TryGetValue(name, out double value)
        ? value
        : throw new SynthesisParameterException($"{Method.ToName()} has no parameter '{name}'");

    public static SynthSettings Defaults(SynthesisMethod method) =>
        new(method, ParameterCatalogue.For(method).ToImmutableSortedDictionary(p => p.Name, p => p.Default, StringComparer.Ordinal));

    /// <summary>The defaults with some values replaced; unknown names and out-of-range values are refused.</summary>
    public static SynthSettings Create(SynthesisMethod method, IReadOnlyDictionary<string, double>? overrides = null) =>
        Defaults(method).With(overrides ?? ImmutableDictionary<string, double>.Empty);

    public SynthSettings With(IReadOnlyDictionary<string, double> overrides)
    {
        ImmutableSortedDictionary<string, double>.Builder builder = Values.ToBuilder();
        foreach ((string name, double value) in overrides)
        {
            SynthParameter parameter = ParameterCatalogue.Find(Method, name);
            builder[parameter.Name] = parameter.Validate(value);
        }

        return new SynthSettings(Method, builder.ToImmutable());
    }

    public SynthSettings With(string name, double value) => With(new Dictionary<string, double> { [name] = value });

    /// <summary>Reads NAME=VALUE pairs as typed on a command line (choices by name).</summary>
    public static IReadOnlyDictionary<string, double> ParseAssignments(SynthesisMethod method, IEnumerable<string> assignments) =>
        ParseValues(method, assignments.Select(assignment =>
        {
            int equals = assignment.IndexOf('=', StringComparison.Ordinal);
            return equals > 0
                ? KeyValuePair.Create(assignment[..equals].Trim(), assignment[(equals + 1)..])
                : throw new SynthesisParameterException($"'{assignment}' is not NAME=VALUE (e.g. carrier_hz=440)");
        }));

    /// <summary>Reads values as typed in a form: numbers, or choices by name (waveform = "square"); names are checked.</summary>
    public static IReadOnlyDictionary<string, double> ParseValues(SynthesisMethod method, IEnumerable<KeyValuePair<string, string>> textValues)
    {
        ArgumentNullException.ThrowIfNull(textValues);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string name, string text) in textValues)
        {
            SynthParameter parameter = ParameterCatalogue.Find(method, name.Trim());
            values[parameter.Name] = parameter.Parse(text);
        }

        return values;
    }

    /// <summary>Human-readable values (choices by name), e.g. for storing with a sound.</summary>
    public IReadOnlyDictionary<string, string> Describe() =>
        ParameterCatalogue.For(Method).ToDictionary(p => p.Name, p => p.Format(Values[p.Name]), StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(new { method = Method.ToName(), parameters = Describe() });
}
