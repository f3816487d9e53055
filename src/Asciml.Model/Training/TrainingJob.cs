using Asciml.Core.Storage;

namespace Asciml.Model.Training;

/// <summary>
/// The one background training job (the web's training service runs one at a time): a <see cref="WorkspaceTraining"/>
/// run on its own thread. The progress sink is given before it starts and is called on the training thread;
/// <see cref="Latest"/> and <see cref="History"/> can be polled, <see cref="Cancel"/> stops after the current batch
/// (the model so far is registered), and <see cref="Completion"/> yields the outcome or faults with the reason.
/// </summary>
public sealed class TrainingJob : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly object _gate = new();
    private readonly List<EpochLosses> _history = [];
    private readonly IProgress<TrainingProgress>? _sink;
    private TrainingProgress? _latest;
    private bool _disposed;

    private TrainingJob(Workspace workspace, TrainingPlan plan, IProgress<TrainingProgress>? sink)
    {
        _sink = sink;
        Plan = plan;
        var reporter = new Reporter(this);
        CancellationToken token = _cancellation.Token;
        Completion = Task.Factory.StartNew(
            () => WorkspaceTraining.Run(workspace, plan, reporter, token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public TrainingPlan Plan { get; }

    /// <summary>The outcome; faults with the reason (e.g. an <see cref="Core.AscimlException"/>) when training could not run.</summary>
    public Task<TrainingOutcome> Completion { get; }

    public bool IsRunning => !Completion.IsCompleted;

    public TrainingProgress? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Finished epochs so far (a copy, safe to enumerate while training runs; still readable after disposal).</summary>
    public IReadOnlyList<EpochLosses> History
    {
        get
        {
            lock (_gate)
            {
                return _history.ToArray();
            }
        }
    }

    /// <summary>Checks the plan (a bad one throws here, nothing recorded), then trains on a background thread.</summary>
    public static TrainingJob Start(Workspace workspace, TrainingPlan plan, IProgress<TrainingProgress>? sink = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Check(workspace);
        return new TrainingJob(workspace, plan, sink);
    }

    /// <summary>Asks training to stop after the current batch; the model trained so far is kept and registered.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _cancellation.Cancel();
            }
        }
    }

    /// <summary>Cancels and waits for the thread (and the run's bookkeeping) to end.</summary>
    public void Dispose()
    {
        Cancel();
        try
        {
            Completion.Wait();
        }
        catch (AggregateException)
        {
            // The failure is recorded in the run and visible through Completion; disposing only waits for the thread.
        }

        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _cancellation.Dispose();
            }
        }
    }

    private void OnProgress(TrainingProgress progress)
    {
        lock (_gate)
        {
            _latest = progress;
            if (progress.EpochFinished is { } epoch)
            {
                _history.Add(epoch);
            }
        }

        _sink?.Report(progress);
    }

    /// <summary>Reports synchronously on the training thread (Progress&lt;T&gt; would post to a captured context).</summary>
    private sealed class Reporter(TrainingJob job) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => job.OnProgress(value);
    }
}
