using Asciml.Core;
using Asciml.Model.Timbre;

namespace Asciml.Model.Vae;

/// <summary>
/// The model presets users choose from, one list for the web and the CLI. `timbre` is the default: it sounds
/// right and follows pitch exactly. `lite` and `paper` are the raw-waveform networks as in the paper (NIME 2023).
/// </summary>
public static class ModelPresets
{
    public const string Default = TimbreArchitecture.TimbreFamily;

    public static IReadOnlyList<string> Names { get; } = [TimbreArchitecture.TimbreFamily, "lite", "paper"];

    /// <summary>A one-line description for menus and help.</summary>
    public static string Describe(string preset) => preset switch
    {
        TimbreArchitecture.TimbreFamily => "timbre: harmonic oscillators + filtered noise, in tune and transposable (recommended)",
        "lite" => "lite: raw-waveform network as in the paper, a quarter of the filters",
        "paper" => "paper: raw-waveform network as in the paper (slow on a CPU)",
        _ => preset,
    };

    /// <summary>The shape of a preset; <paramref name="latentSize"/> null takes the family's default.</summary>
    public static IModelArchitecture FromName(string? preset, int? latentSize = null)
    {
        string name = string.IsNullOrWhiteSpace(preset) ? Default : preset.Trim().ToLowerInvariant();
        if (latentSize is < 1 or > 256)
        {
            throw new AscimlException($"latent size {latentSize} is out of range: use 1..256");
        }

        return name switch
        {
            TimbreArchitecture.TimbreFamily => TimbreArchitecture.Default(latentSize ?? TimbreArchitecture.DefaultLatentSize),
            "paper" or "lite" => VaeArchitecture.FromPreset(name, latentSize ?? VaeArchitecture.DefaultLatentSize),
            _ => throw new AscimlException($"unknown model preset '{preset}': use {string.Join(", ", Names)}"),
        };
    }
}
