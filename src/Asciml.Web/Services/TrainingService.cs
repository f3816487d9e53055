using System.Threading.Channels;
using Asciml.Core;
using Asciml.Core.Storage;
using Asciml.Model.Training;

namespace Asciml.Web.Services;

/// <summary>
/// The workspace's one training at a time, as a hosted background service (not in a page): requests are queued and
/// run by <see cref="ExecuteAsync"/>, so closing and reopening the page shows the training still running. Progress
/// reaches pages through one path: the job's sink (this service) raises <see cref="Changed"/>.
/// </summary>
public sealed class TrainingService(Workspace workspace) : BackgroundService, IProgress<TrainingProgress>
{
    private readonly object _gate = new();
    private readonly Channel<TrainingPlan> _requests = Channel.CreateBounded<TrainingPlan>(1);
    private bool _queued;

    public event Action? Changed;

    /// <summary>The running job, or the last one (its history stays readable) until the next starts.</summary>
    public TrainingJob? Current { get; private set; }

    public TrainingProgress? Latest => Current?.Latest;

    /// <summary>The current or last job's finished epochs.</summary>
    public IReadOnlyList<EpochLosses> History => Current?.History ?? [];

    public string? LastMessage { get; private set; }

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _queued || Current?.IsRunning == true;
            }
        }
    }

    /// <summary>
    /// Queues a training after the quick checks: a refused plan (no sounds, unknown group, bad settings, one already
    /// running) throws its one-line reason and <see cref="LastMessage"/> says it could not start.
    /// </summary>
    public void Start(TrainingPlan plan)
    {
        lock (_gate)
        {
            if (_queued || Current?.IsRunning == true)
            {
                throw new AscimlException("a training is already running in this workspace; stop it or wait for it to finish", ErrorKind.Conflict);
            }

            LastMessage = null;
            try
            {
                plan.Check(workspace);
            }
            catch (AscimlException error)
            {
                LastMessage = $"training could not start: {error.Message}";
                throw;
            }

            _queued = _requests.Writer.TryWrite(plan);
        }

        Changed?.Invoke();
    }

    public void Stop()
    {
        lock (_gate)
        {
            Current?.Cancel();
        }
    }

    public void Report(TrainingProgress value) => Changed?.Invoke();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (TrainingPlan plan in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                await RunOne(plan, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task RunOne(TrainingPlan plan, CancellationToken stoppingToken)
    {
        TrainingJob job;
        lock (_gate)
        {
            Current?.Dispose();
            Current = null;
            try
            {
                job = TrainingJob.Start(workspace, plan, this);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                // The workspace changed since the checks (a group emptied): the page shows why, the service goes on.
                _queued = false;
                LastMessage = $"training could not start: {error.Message.ReplaceLineEndings(" ").Trim()}";
                Changed?.Invoke();
                return;
            }

            Current = job;
            _queued = false;
        }

        Changed?.Invoke();
        using CancellationTokenRegistration stop = stoppingToken.Register(job.Cancel);
        try
        {
            TrainingOutcome outcome = await job.Completion.ConfigureAwait(false);
            LastMessage = $"training finished ({outcome.Status.ToString().ToLowerInvariant()}): {outcome.Message}";
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            LastMessage = $"training failed: {error.Message.ReplaceLineEndings(" ").Trim()}";
        }

        Changed?.Invoke();
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            Current?.Dispose();
        }

        base.Dispose();
    }
}
