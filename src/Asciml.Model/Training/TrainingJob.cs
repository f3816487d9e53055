namespace Asciml.Model.Training;

/// <summary>
/// A training run on a background thread, for interactive shells (the web app): start it, watch
/// <see cref="ProgressChanged"/> (raised on the training thread) or poll <see cref="Latest"/> and
/// <see cref="History"/>, <see cref="Cancel"/> it, and await <see cref="Completion"/> for the result.
/// </summary>
public sealed class TrainingJob : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly object gate = new();
    private readonly List<EpochLosses> history = new();
    private TrainingProgress? latest;

    private TrainingJob(TrainingStart start, TrainingData data, TrainingSettings settings)
    {
        settings.Validate();
        Settings = settings;
        if (start.Resume)
        {
            history.AddRange(start.Model!.Metadata.Training.History);
        }

        var reporter = new Reporter(this);
        Completion = Task.Factory.StartNew(
            () => VaeTrainer.Train(start, data, settings, reporter, cancellation.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public event EventHandler<TrainingProgress>? ProgressChanged;

    public TrainingSettings Settings { get; }

    /// <summary>The result; faults with the training error (e.g. an <see cref="Core.AscimlException"/>) if it fails.</summary>
    public Task<TrainingResult> Completion { get; }

    public bool IsRunning => !Completion.IsCompleted;

    public TrainingProgress? Latest
    {
        get
        {
            lock (gate)
            {
                return latest;
            }
        }
    }

    /// <summary>Finished epochs so far (a copy, safe to enumerate while training runs).</summary>
    public IReadOnlyList<EpochLosses> History
    {
        get
        {
            lock (gate)
            {
                return history.ToArray();
            }
        }
    }

    /// <summary>Starts training on a background thread.</summary>
    public static TrainingJob Start(TrainingStart start, TrainingData data, TrainingSettings settings) => new(start, data, settings);

    /// <summary>Asks training to stop after the current batch; the result keeps the model trained so far.</summary>
    public void Cancel() => cancellation.Cancel();

    public void Dispose()
    {
        cancellation.Cancel();
        try
        {
            Completion.Wait();
        }
        catch (AggregateException)
        {
            // The failure is visible through Completion; disposing only has to wait for the thread.
        }

        cancellation.Dispose();
    }

    private void OnProgress(TrainingProgress progress)
    {
        lock (gate)
        {
            latest = progress;
            if (progress.EpochFinished is { } epoch)
            {
                history.Add(epoch);
            }
        }

        ProgressChanged?.Invoke(this, progress);
    }

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to a captured context).</summary>
    private sealed class Reporter(TrainingJob job) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => job.OnProgress(value);
    }
}
