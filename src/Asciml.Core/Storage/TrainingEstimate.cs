using System.Text.Json;

namespace Asciml.Core.Storage;

/// <summary>How long a training will take, said before it starts.</summary>
/// <param name="Seconds">Estimated wall time.</param>
/// <param name="Basis">Where the figure comes from, in words ("your last lite run: 9 ms per sound and epoch").</param>
public sealed record TrainingEstimate(double Seconds, string Basis)
{
    /// <summary>Seconds per sound per epoch on a quiet 2-core CPU (docs/BENCHMARKS.md), used until a run is measured here.</summary>
    private static readonly Dictionary<string, double> Benchmarked = new(StringComparer.OrdinalIgnoreCase)
    {
        ["lite"] = 0.0075,
        ["paper"] = 0.08,
    };

    /// <summary>
    /// The estimate for <paramref name="epochs"/> epochs over <paramref name="sounds"/> sounds with a preset: from the
    /// most recent finished run of that preset in this workspace (its wall time per sound and epoch, sounds counted as
    /// its groups hold them now), else from the benchmark figure; null when neither is known.
    /// </summary>
    public static TrainingEstimate? For(Workspace workspace, string preset, int sounds, int epochs)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (sounds <= 0 || epochs <= 0)
        {
            return null;
        }

        var counts = workspace.Sounds.List().GroupBy(s => s.GroupId).ToDictionary(g => g.Key, g => g.Count());
        foreach (TrainingRun run in workspace.Runs.List())
        {
            if (run.Finished is not DateTimeOffset finished || run.Epochs.Count == 0 || !TryRead(run.SettingsJson, out string runPreset, out IReadOnlyList<string> groups)
                || !string.Equals(runPreset, preset, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            int runSounds = groups.Sum(g => counts.GetValueOrDefault(g));
            if (runSounds == 0)
            {
                continue;
            }

            double perSoundEpoch = (finished - run.Started).TotalSeconds / run.Epochs.Count / runSounds;
            return new TrainingEstimate(perSoundEpoch * sounds * epochs,
                $"measured on your last {preset} run: {perSoundEpoch * 1000:0.#} ms per sound and epoch");
        }

        return Benchmarked.TryGetValue(preset, out double benchmarked)
            ? new TrainingEstimate(benchmarked * sounds * epochs, $"from the {preset} benchmark on a quiet 2-core CPU; slower when the machine is busy")
            : null;
    }

    private static bool TryRead(string settingsJson, out string preset, out IReadOnlyList<string> groups)
    {
        preset = "";
        groups = [];
        try
        {
            using JsonDocument document = JsonDocument.Parse(settingsJson);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("preset", out JsonElement p) || p.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("groups", out JsonElement g) || g.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            preset = p.GetString() ?? "";
            groups = g.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>"about 40 s", "about 3 min".</summary>
    public string Describe() => Seconds < 90 ? $"about {Math.Max(1, Math.Round(Seconds)):0} s" : $"about {Math.Round(Seconds / 60):0} min";
}
