namespace Asciml.Core.Synthesis;

/// <summary>The four synthesis techniques of the paper's dataset-design stage.</summary>
public enum SynthesisMethod
{
    /// <summary>Amplitude modulation: a carrier whose loudness is shaken by a modulator.</summary>
    Am,

    /// <summary>Frequency modulation (Chowning 1973): a modulator bends the carrier's pitch, making sidebands.</summary>
    Fm,

    /// <summary>Subtractive: a bright oscillator (or noise) through a resonant filter that can sweep.</summary>
    Subtractive,

    /// <summary>Additive: a sum of sine partials, each with its own level and decay.</summary>
    Additive,
}

public static class SynthesisMethodNames
{
    public static string ToName(this SynthesisMethod method) => method.ToString().ToLowerInvariant();

    /// <summary>The method in words, as menus show it: "FM (frequency modulation)".</summary>
    public static string Label(this SynthesisMethod method) => method switch
    {
        SynthesisMethod.Am => "AM (amplitude modulation)",
        SynthesisMethod.Fm => "FM (frequency modulation)",
        SynthesisMethod.Subtractive => "Subtractive (oscillator + filter)",
        _ => "Additive (partials)",
    };

    public static SynthesisMethod Parse(string name) =>
        Enum.TryParse(name, ignoreCase: true, out SynthesisMethod method) && Enum.IsDefined(method)
            ? method
            : throw new SynthesisParameterException($"unknown synthesis method '{name}' (choose am, fm, subtractive or additive)");
}

/// <summary>A synthesis setting that does not exist or is outside its range.</summary>
public sealed class SynthesisParameterException(string message) : AscimlException(message);
