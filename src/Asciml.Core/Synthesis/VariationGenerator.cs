using Asciml.Core.Audio;

namespace Asciml.Core.Synthesis;

/// <summary>A synthesized sound with the recipe that made it.</summary>
public sealed record SynthesizedSound(string Name, SynthesisMethod Method, SynthSettings Parameters, MonoAudio Audio);

/// <summary>
/// "Make N variations around these settings": each unfixed parameter moves around its base value — by up to
/// <c>amount</c> × one octave for frequencies and times (logarithmic parameters), by up to <c>amount</c> × a quarter
/// of the range for the others, choices change with probability <c>amount</c> / 2. Variation i draws from its own
/// <see cref="Random"/> seeded from (seed, i) — .NET's seeded Random is a fixed algorithm — so the same seed gives
/// bit-identical sounds whatever the thread count, and each sound can be rendered in parallel.
/// </summary>
public static class VariationGenerator
{
    public static IReadOnlyList<SynthSettings> Vary(SynthSettings baseSettings, int count, int seed, IReadOnlySet<string>? fixedParameters = null, double amount = 0.5)
    {
        ArgumentNullException.ThrowIfNull(baseSettings);
        if (count < 1 || count > 10_000)
        {
            throw new SynthesisParameterException($"count {count} is outside 1 to 10000");
        }

        if (amount is < 0 or > 1)
        {
            throw new SynthesisParameterException($"variation amount {amount} is outside 0 to 1");
        }

        IReadOnlySet<string> keep = fixedParameters ?? new HashSet<string>();
        return Enumerable.Range(0, count).Select(i => VaryOne(baseSettings, new Random(SeedMixer.Mix(seed, i, 0x5EED)), keep, amount)).ToList();
    }

    /// <summary>Renders the variations in parallel; names are "&lt;preset or method&gt;-0001", … (<see cref="NamePrefix"/>).</summary>
    public static IReadOnlyList<SynthesizedSound> Render(SynthSettings baseSettings, int count, int seed, IReadOnlySet<string>? fixedParameters = null, double amount = 0.5, string? preset = null)
    {
        IReadOnlyList<SynthSettings> settings = Vary(baseSettings, count, seed, fixedParameters, amount);
        return RenderAll(settings, NamePrefix(baseSettings.Method, preset));
    }

    /// <summary>One sound exactly as set (no variation), named like the first variation ("bell-0001", "fm-0001").</summary>
    public static SynthesizedSound RenderOne(SynthSettings settings, string? preset = null) => RenderAll([settings], NamePrefix(settings.Method, preset))[0];

    /// <summary>How synthesized sounds are named in the CLI and the web alike: after the preset when one was chosen, else the method.</summary>
    public static string NamePrefix(SynthesisMethod method, string? preset) => string.IsNullOrWhiteSpace(preset) ? method.ToName() : preset.Trim().ToLowerInvariant();

    internal static IReadOnlyList<SynthesizedSound> RenderAll(IReadOnlyList<SynthSettings> settings, string namePrefix)
    {
        var sounds = new SynthesizedSound[settings.Count];
        Parallel.For(0, settings.Count, i =>
            sounds[i] = new SynthesizedSound($"{namePrefix}-{i + 1:0000}", settings[i].Method, settings[i], Synthesizer.Render(settings[i])));
        return sounds;
    }

    private static SynthSettings VaryOne(SynthSettings baseSettings, Random random, IReadOnlySet<string> keep, double amount)
    {
        var changes = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (SynthParameter parameter in ParameterCatalogue.For(baseSettings.Method))
        {
            // Draw for every parameter, even fixed ones, so fixing one does not reshuffle the others.
            double draw = (2 * random.NextDouble()) - 1;
            double choiceDraw = random.NextDouble();
            if (keep.Contains(parameter.Name) || parameter.Name == "level_db")
            {
                continue;
            }

            double value = baseSettings[parameter.Name];
            if (parameter.Choices is not null)
            {
                if (choiceDraw < amount / 2)
                {
                    value = Math.Floor(((draw + 1) / 2) * parameter.Choices.Count) % parameter.Choices.Count;
                }
            }
            else if (parameter.Scale == ParameterScale.Logarithmic && value > 0)
            {
                value *= Math.Pow(2, draw * amount);
            }
            else
            {
                value += draw * amount * 0.25 * (parameter.Maximum - parameter.Minimum);
            }

            value = Math.Clamp(value, parameter.Minimum, parameter.Maximum);
            changes[parameter.Name] = parameter.IsInteger ? Math.Round(value) : value;
        }

        return baseSettings.With(changes);
    }
}
