using Asciml.Model.Creation;
using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>
/// The model families `asciml bench train|infer --family` knows. A new family adds its name to
/// <see cref="Names"/> and a case to each factory; the benchmarks take the network only through the subjects.
/// </summary>
public static class BenchmarkFamilies
{
    public const string Vae = "vae";

    public static IReadOnlyList<string> Names { get; } = [Vae];

    /// <summary>A fresh, seeded network of the family and preset with its trainer's step.</summary>
    public static Func<ITrainingBenchmarkSubject> Training(string family, string preset) => Normalise(family) switch
    {
        Vae => () => new VaeTrainingSubject(VaeArchitecture.FromPreset(preset)),
        _ => throw Unknown(family),
    };

    /// <summary>A fresh, seeded network of the family and preset behind its creation calls.</summary>
    public static Func<IInferenceBenchmarkSubject> Inference(string family, string preset) => Normalise(family) switch
    {
        Vae => () => new VaeInferenceSubject(VaeArchitecture.FromPreset(preset)),
        _ => throw Unknown(family),
    };

    private static string Normalise(string family) => family.Trim().ToLowerInvariant();

    private static Core.AscimlException Unknown(string family) =>
        new($"unknown model family '{family}': use {string.Join(" or ", Names)}");
}
