using Asciml.Core;

namespace Asciml.Model.Training;

/// <summary>
/// The paper's sliders (epochs, batch size, learning rate) plus seed, CPU threads, a time limit, the loss, and
/// where to keep checkpoints. <see cref="Epochs"/> counts all epochs of the model's run: when resuming a
/// checkpoint that finished 40 of 100 epochs, 60 more are trained.
/// </summary>
public sealed record TrainingSettings
{
    public int Epochs { get; init; } = 100;
    public int BatchSize { get; init; } = 16;
    /// <summary>Adam's step size; one default for the web and the CLI.</summary>
    public const double DefaultLearningRate = 3e-4;

    public double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>
    /// The learning-rate slider works in powers of ten (evenly in decades, 10^−5 … 10^−2 on the page): the rate at a
    /// slider position, rounded to 6 decimals so the page, the run record and the model file say the same number.
    /// </summary>
    public static double LearningRateAt(double log10) => Math.Round(Math.Pow(10, log10), 6);

    /// <summary>A learning rate as people read it: "0.0003".</summary>
    public static string FormatLearningRate(double rate) => rate.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    public int Seed { get; init; }

    /// <summary>libtorch CPU threads; 0 keeps libtorch's default (all cores).</summary>
    public int Threads { get; init; }

    /// <summary>Stop (keeping the model so far) after this much training time; null = no limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    public LossSettings Loss { get; init; } = LossSettings.Default;

    /// <summary>Checkpoint file (model + optimizer state) rewritten atomically during training; null = none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>At most one checkpoint per this interval (plus one at the end), to spare the disk on fast epochs.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(30);

    public string Device { get; init; } = "cpu";

    public void Validate()
    {
        Require(Epochs is >= 1 and <= 1_000_000, $"epochs {Epochs} is out of range: use 1..1000000");
        Require(BatchSize is >= 1 and <= 4096, $"batch size {BatchSize} is out of range: use 1..4096");
        Require(LearningRate is > 0 and <= 1 && double.IsFinite(LearningRate), $"learning rate {LearningRate} is out of range: use a value in (0, 1]");
        Require(Threads is >= 0 and <= 1024, $"threads {Threads} is out of range: use 1..1024 (0 = all cores)");
        Require(TimeLimit is null || TimeLimit > TimeSpan.Zero, "time limit must be positive");
        Loss.Validate();
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new AscimlException(message);
        }
    }
}
