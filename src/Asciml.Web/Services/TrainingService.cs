using Asciml.Core;
using Asciml.Core.Workspace;
using Asciml.Model.Training;

namespace Asciml.Web.Services;

/// <summary>
/// The workspace's one training at a time, living in the server (not in a page): closing and reopening the page
/// shows it still running. Pages subscribe to <see cref="Changed"/> to redraw.
/// </summary>
public sealed class TrainingService(Workspace workspace) : IDisposable
{
    private readonly object _gate = new();

    public event Action? Changed;

    public WorkspaceTraining? Current { get; private set; }

    public TrainingProgress? Latest { get; private set; }

    public string? LastMessage { get; private set; }

    public bool IsRunning => Current?.Job.IsRunning == true;

    public void Start(WorkspaceTrainingRequest request)
    {
        lock (_gate)
        {
            if (IsRunning)
            {
                throw new AscimlException("a training is already running in this workspace; stop it or wait for it to finish");
            }

            Current?.Dispose();
            Latest = null;
            LastMessage = null;
            Current = WorkspaceTraining.Start(workspace, request);
        }

        Current.Job.ProgressChanged += (_, progress) =>
        {
            Latest = progress;
            Changed?.Invoke();
        };
        Current.Completion.ContinueWith(done =>
        {
            TrainingRun? run = workspace.ListTrainingRuns().FirstOrDefault(r => r.Id == Current.RunId);
            LastMessage = done.Result is null ? $"training failed: {run?.Message}" : $"training finished ({run?.Status.ToString().ToLowerInvariant()}): {run?.Message}";
            Changed?.Invoke();
        }, TaskScheduler.Default);
        Changed?.Invoke();
    }

    public void Stop() => Current?.Cancel();

    public void Dispose() => Current?.Dispose();
}
