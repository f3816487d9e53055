using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Asciml.Core;
using Asciml.Core.Audio;
using Asciml.Model.Creation;
using Asciml.Model.Training;
using Asciml.Model.Vae;

namespace Asciml.Model.Evaluation;

/// <summary>How the quality benchmark runs: which model, how long it fine-tunes, on how many threads.</summary>
public sealed record QualityBenchmarkSettings
{
    /// <summary>A model file, or `pretrained` for the shipped default.</summary>
    public string Model { get; init; } = "pretrained";
    public TimeSpan Budget { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>
    /// Stop after this many fine-tuning epochs (within <see cref="Budget"/>). A fixed count makes A/B comparisons
    /// independent of the machine's load, which a wall-time budget alone is not.
    /// </summary>
    public int? Epochs { get; init; }
    public int Threads { get; init; } = 2;
    public double LearningRate { get; init; } = TrainingSettings.DefaultLearningRate;
    public int BatchSize { get; init; } = 16;
    public int Seed { get; init; }

    /// <summary>The fine-tuning loss (training's default unless an A/B run asks for another).</summary>
    public LossSettings Loss { get; init; } = LossSettings.Default;
}

/// <summary>The measures of one clip for each output compared with it.</summary>
public sealed record ClipQuality(string Name, string Family, bool Pitched, QualityMeasures Silent, QualityMeasures Pretrained, QualityMeasures FineTuned);

/// <summary>Medians over a set of clips (F0 over its pitched clips only).</summary>
public sealed record QualitySummary(
    [property: JsonPropertyName("clips")] int Clips,
    [property: JsonPropertyName("pitched_clips")] int PitchedClips,
    [property: JsonPropertyName("logmag80_db")] double LogMagnitudeDb,
    [property: JsonPropertyName("env_corr")] double EnvelopeCorrelation,
    [property: JsonPropertyName("level_db_error")] double LevelErrorDb,
    [property: JsonPropertyName("f0_cents")] double? F0ErrorCents,
    [property: JsonPropertyName("f0_within_50c")] double? F0Within50CentsShare,
    [property: JsonPropertyName("centroid_hz_error")] double? CentroidErrorHz,
    [property: JsonPropertyName("mrstft")] double MultiResolutionStft)
{
    public static QualitySummary Of(IReadOnlyList<(QualityMeasures Measures, bool Pitched)> rows)
    {
        double[] cents = rows.Where(r => r.Pitched).Select(r => r.Measures.F0ErrorCents ?? QualityMeasures.MissingPitchCents).ToArray();
        double[] centroid = rows.Select(r => r.Measures.CentroidErrorHz).OfType<double>().ToArray();
        return new QualitySummary(
            rows.Count,
            cents.Length,
            Median(rows.Select(r => r.Measures.LogMagnitudeDb)),
            Median(rows.Select(r => r.Measures.EnvelopeCorrelation)),
            Median(rows.Select(r => r.Measures.LevelErrorDb)),
            cents.Length == 0 ? null : Median(cents),
            cents.Length == 0 ? null : Math.Round((double)cents.Count(c => c <= 50) / cents.Length, 3),
            centroid.Length == 0 ? null : Median(centroid),
            Median(rows.Select(r => r.Measures.MultiResolutionStft)));
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return Math.Round(median, 3);
    }
}

/// <summary>One fixed A→B pair morphed at amounts 0, ¼, ½, ¾, 1.</summary>
public sealed record InterpolationCheck(
    string A,
    string B,
    IReadOnlyList<double> Amounts,
    IReadOnlyList<double?> F0Hz,
    IReadOnlyList<double?> CentroidHz,
    bool F0Monotonic,
    bool CentroidMonotonic,
    bool EndpointsWithin50Cents);

/// <summary>Everything the benchmark measured.</summary>
public sealed record QualityReport(
    string Model,
    string Family,
    string Preset,
    double BudgetSeconds,
    double TrainedSeconds,
    int EpochsTrained,
    string StopReason,
    IReadOnlyList<ClipQuality> Clips,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, QualitySummary>> Summaries,
    IReadOnlyList<InterpolationCheck> Interpolation,
    double InterpolationMonotonicShare,
    double InterpolationEndpointShare,
    double InterpolateMsMedian)
{
    /// <summary>How `asciml bench quality` writes the report (snake_case, no nulls, NaN as a literal).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(ModelFile.JsonOptions)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// The report as docs/QUALITY.md reads it: the fine-tuned measures overall and per family, the silent and
    /// pretrained baselines, the morph checks, and every clip's measures when <paramref name="withClips"/>.
    /// </summary>
    public JsonObject ToJson(LossSettings loss, bool withClips)
    {
        IReadOnlyDictionary<string, QualitySummary> tuned = Summaries[QualityBenchmark.FineTunedRow];
        object Row(string row) => new
        {
            overall = Summaries[row][QualityBenchmark.Overall],
            families = Summaries[row].Where(p => p.Key != QualityBenchmark.Overall).ToDictionary(p => p.Key, p => p.Value),
        };
        var output = new Dictionary<string, object?>
        {
            ["model"] = Model,
            ["family"] = Family,
            ["preset"] = Preset,
            ["seconds"] = BudgetSeconds,
            ["trained_seconds"] = TrainedSeconds,
            ["epochs_trained"] = EpochsTrained,
            ["loss"] = loss,
            ["stop_reason"] = StopReason,
            ["clips"] = Clips.Count,
            ["overall"] = tuned[QualityBenchmark.Overall],
            ["families"] = tuned.Where(p => p.Key != QualityBenchmark.Overall).ToDictionary(p => p.Key, p => p.Value),
            ["baselines"] = new { silent = Row(QualityBenchmark.SilentRow), pretrained = Row(QualityBenchmark.PretrainedRow) },
            ["interpolation"] = new
            {
                pairs = Interpolation.Count,
                monotonic_share = InterpolationMonotonicShare,
                endpoints_share = InterpolationEndpointShare,
                interpolate_ms_median = InterpolateMsMedian,
                checks = Interpolation,
            },
            ["clip_measures"] = withClips ? Clips : null,
        };
        return JsonSerializer.SerializeToNode(output, JsonOptions)!.AsObject();
    }
}

/// <summary>
/// The quality benchmark: measure the model's reconstructions of the evaluation set before training and after
/// fine-tuning on that set for a fixed wall-time budget (as a musician would on their own sounds), beside a
/// silent output; then morph fixed pairs and check that pitch and brightness travel from A to B.
/// </summary>
public static class QualityBenchmark
{
    public const string SilentRow = "silent";
    public const string PretrainedRow = "pretrained";
    public const string FineTunedRow = "fine_tuned";
    public const string Overall = "overall";

    private static readonly double[] Amounts = [0, 0.25, 0.5, 0.75, 1];
    private const double F0ToleranceCents = 15;
    private const double CentroidToleranceHz = 40;

    public static QualityReport Run(IReadOnlyList<EvaluationClip> clips, QualityBenchmarkSettings settings, IProgress<string>? progress = null,
        CancellationToken cancellation = default)
    {
        if (clips.Count == 0)
        {
            throw new AscimlException("the evaluation set is empty: choose at least one family with clips");
        }

        ComputeDevice.UseThreads(settings.Threads);
        string path = PretrainedModel.Resolve(settings.Model);
        LoadedModel loaded = ModelFile.Load(path);
        var model = new SoundModel(loaded.Network, loaded.Metadata);
        MonoAudio[] originals = clips.Select(c => c.Audio).ToArray();
        var silence = new MonoAudio(new float[ModelInputFormat.LengthSamples], ModelInputFormat.SampleRateHz);

        progress?.Report($"measuring {clips.Count} reconstructions before training");
        MonoAudio[] before = model.Reconstruct(originals);

        progress?.Report($"fine-tuning {loaded.Metadata.Preset} for {settings.Budget.TotalSeconds:0} s on {clips.Count} clips, {settings.Threads} threads");
        TrainingData data = TrainingData.FromClips(clips.Select(c => new TrainingClip(c.Name, c.Audio)).ToArray(), "quality evaluation set");
        TrainingResult trained = VaeTrainer.Train(
            TrainingStart.FineTune(loaded, Path.GetFileName(path)),
            data,
            new TrainingSettings
            {
                Epochs = settings.Epochs ?? 1_000_000,
                TimeLimit = settings.Budget,
                Loss = settings.Loss,
                Threads = settings.Threads,
                LearningRate = settings.LearningRate,
                BatchSize = settings.BatchSize,
                Seed = settings.Seed,
            },
            cancellation: cancellation);
        using var tuned = new SoundModel(trained.Network, trained.Metadata);
        MonoAudio[] after = tuned.Reconstruct(originals);

        ClipQuality[] rows = clips.Select((clip, i) => new ClipQuality(clip.Name, clip.Family, clip.Pitched,
            QualityMeasures.Compare(clip.Audio, silence),
            QualityMeasures.Compare(clip.Audio, before[i]),
            QualityMeasures.Compare(clip.Audio, after[i]))).ToArray();

        progress?.Report("morphing fixed pairs");
        (InterpolationCheck[] checks, double interpolateMs) = CheckInterpolation(tuned, clips);
        return new QualityReport(
            settings.Model,
            loaded.Metadata.Family,
            loaded.Metadata.Preset,
            settings.Budget.TotalSeconds,
            trained.Metadata.Training.TrainingSeconds,
            trained.Metadata.Training.EpochsCompleted,
            trained.StopReason.ToString(),
            rows,
            Summaries(rows),
            checks,
            checks.Length == 0 ? double.NaN : Math.Round((double)checks.Count(c => c.F0Monotonic && c.CentroidMonotonic) / checks.Length, 3),
            checks.Length == 0 ? double.NaN : Math.Round((double)checks.Count(c => c.EndpointsWithin50Cents) / checks.Length, 3),
            interpolateMs);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, QualitySummary>> Summaries(IReadOnlyList<ClipQuality> rows)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, QualitySummary>>();
        foreach ((string row, Func<ClipQuality, QualityMeasures> pick) in new (string, Func<ClipQuality, QualityMeasures>)[]
                 { (SilentRow, c => c.Silent), (PretrainedRow, c => c.Pretrained), (FineTunedRow, c => c.FineTuned) })
        {
            var families = new Dictionary<string, QualitySummary>
            {
                [Overall] = QualitySummary.Of(rows.Select(c => (pick(c), c.Pitched)).ToArray()),
            };
            foreach (IGrouping<string, ClipQuality> family in rows.GroupBy(c => c.Family))
            {
                families[family.Key] = QualitySummary.Of(family.Select(c => (pick(c), c.Pitched)).ToArray());
            }

            result[row] = families;
        }

        return result;
    }

    /// <summary>
    /// Pairs of pitched clips a fifth or more apart, from different instruments or voices: the i-th with the one
    /// half the list further on. F0 (median) and spectral centroid at each amount must move one way (within
    /// 15 cents / 40 Hz of noise), and amounts 0 and 1 must sit within 50 cents of A and B.
    /// </summary>
    private static (InterpolationCheck[] Checks, double InterpolateMs) CheckInterpolation(SoundModel model, IReadOnlyList<EvaluationClip> clips)
    {
        EvaluationClip[] pitched = clips.Where(c => c.Pitched).ToArray();
        var pairs = new List<(EvaluationClip A, EvaluationClip B)>();
        int half = pitched.Length / 2;
        for (int i = 0; i < half && pairs.Count < 10; i++)
        {
            EvaluationClip a = pitched[i], b = pitched[i + half];
            double? fa = Core.Features.ControlCurves.Extract(a.Audio).MedianF0Hz(), fb = Core.Features.ControlCurves.Extract(b.Audio).MedianF0Hz();
            if (fa is { } x && fb is { } y && Math.Abs(1200 * Math.Log2(y / x)) >= 700)
            {
                pairs.Add((a, b));
            }
        }

        var times = new List<double>();
        var checks = new List<InterpolationCheck>();
        foreach ((EvaluationClip a, EvaluationClip b) in pairs)
        {
            var clock = Stopwatch.StartNew();
            float[][] codes = model.Encode([a.Audio, b.Audio]);
            MonoAudio first = model.Decode(SoundModel.Interpolate(codes[0], codes[1], Amounts[2]));
            times.Add(clock.Elapsed.TotalMilliseconds);
            _ = first;

            MonoAudio[] outputs = model.Decode(Amounts.Select(t => SoundModel.Interpolate(codes[0], codes[1], t)).ToArray());
            double?[] f0 = outputs.Select(o => Core.Features.ControlCurves.Extract(o).MedianF0Hz()).ToArray();
            double?[] centroid = outputs.Select(o => Core.Features.FeatureExtractor.Extract(o.Samples).SpectralCentroidHz).ToArray();
            double? fa = Core.Features.ControlCurves.Extract(a.Audio).MedianF0Hz(), fb = Core.Features.ControlCurves.Extract(b.Audio).MedianF0Hz();
            bool endpoints = f0[0] is { } s && f0[^1] is { } e && fa is { } pa && fb is { } pb
                && Math.Abs(1200 * Math.Log2(s / pa)) <= 50 && Math.Abs(1200 * Math.Log2(e / pb)) <= 50;
            checks.Add(new InterpolationCheck(a.Name, b.Name, Amounts,
                f0.Select(v => v is { } x ? Math.Round(x, 2) : (double?)null).ToArray(),
                centroid.Select(v => v is { } x ? Math.Round(x, 1) : (double?)null).ToArray(),
                Monotonic(f0.Select(v => v is { } x ? 1200 * Math.Log2(x) : (double?)null).ToArray(), F0ToleranceCents),
                Monotonic(centroid, CentroidToleranceHz),
                endpoints));
        }

        return (checks.ToArray(), times.Count == 0 ? double.NaN : QualitySummary.Median(times));
    }

    /// <summary>True when every value exists and the sequence never steps against the A→B direction by more than the tolerance.</summary>
    public static bool Monotonic(IReadOnlyList<double?> values, double tolerance)
    {
        if (values.Any(v => v is null) || values.Count < 2)
        {
            return false;
        }

        double direction = Math.Sign(values[^1]!.Value - values[0]!.Value);
        for (int i = 1; i < values.Count; i++)
        {
            double step = values[i]!.Value - values[i - 1]!.Value;
            if (direction == 0 ? Math.Abs(step) > tolerance : step * direction < -tolerance)
            {
                return false;
            }
        }

        return true;
    }
}
