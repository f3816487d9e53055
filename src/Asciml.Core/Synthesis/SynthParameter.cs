using System.Globalization;

namespace Asciml.Core.Synthesis;

/// <summary>How a parameter's range is explored: frequencies and times feel even on a logarithmic scale.</summary>
public enum ParameterScale
{
    Linear,
    Logarithmic,
}

/// <summary>One control a musician can turn: its name in the CLI contract, its label, unit, range and default.</summary>
/// <param name="Choices">For a choice (e.g. a waveform): the options; the value is the option's index.</param>
public sealed record SynthParameter(
    string Name,
    string Label,
    string Unit,
    double Minimum,
    double Maximum,
    double Default,
    string Description,
    ParameterScale Scale = ParameterScale.Linear,
    bool IsInteger = false,
    IReadOnlyList<string>? Choices = null)
{
    public bool IsChoice => Choices is not null;

    /// <summary>Reads a value as typed by a person: a number, or a choice's name.</summary>
    public double Parse(string text)
    {
        if (Choices is not null)
        {
            int index = Choices.ToList().FindIndex(c => c.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0 && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int numeric) && numeric >= 0 && numeric < Choices.Count)
            {
                index = numeric;
            }

            return index >= 0 ? index : throw new SynthesisParameterException($"{Name}: '{text}' is not one of {string.Join(", ", Choices)}");
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new SynthesisParameterException($"{Name}: '{text}' is not a number");
        }

        return Validate(value);
    }

    public double Validate(double value)
    {
        if (!double.IsFinite(value) || value < Minimum || value > Maximum)
        {
            string range = Choices is null
                ? string.Create(CultureInfo.InvariantCulture, $"{Minimum:G6} to {Maximum:G6}{(Unit.Length > 0 ? " " + Unit : "")}")
                : string.Join(", ", Choices);
            throw new SynthesisParameterException(string.Create(CultureInfo.InvariantCulture, $"{Name} = {value:G6} is outside its range ({range})"));
        }

        return IsInteger || Choices is not null ? Math.Round(value) : value;
    }

    public string Format(double value) =>
        Choices is not null ? Choices[(int)value] : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>What values it takes, as lists show it: "20..2000 Hz", "saw|square|triangle|noise".</summary>
    public string Range => Choices is null
        ? FormattableString.Invariant($"{Minimum:G6}..{Maximum:G6} {Unit}").TrimEnd()
        : string.Join("|", Choices);

    /// <summary>The value with its unit, as controls show it ("220 Hz", "saw").</summary>
    public string FormatWithUnit(double value) => Unit.Length > 0 ? $"{Format(value)} {Unit}" : Format(value);

    private bool IsLogarithmic => Scale == ParameterScale.Logarithmic && Minimum > 0;

    /// <summary>Where <paramref name="value"/> sits on a slider, 0..1: logarithmic parameters are spread evenly in octaves.</summary>
    public double ToSliderFraction(double value)
    {
        double clamped = Math.Clamp(value, Minimum, Maximum);
        return Maximum == Minimum ? 0
            : IsLogarithmic ? Math.Log(clamped / Minimum) / Math.Log(Maximum / Minimum)
            : (clamped - Minimum) / (Maximum - Minimum);
    }

    /// <summary>The value at a slider position 0..1 (the inverse of <see cref="ToSliderFraction"/>), rounded for whole-number parameters.</summary>
    public double FromSliderFraction(double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        double value = IsLogarithmic
            ? Minimum * Math.Pow(Maximum / Minimum, fraction)
            : Minimum + (fraction * (Maximum - Minimum));
        return Validate(Math.Clamp(IsInteger ? Math.Round(value) : value, Minimum, Maximum));
    }
}
