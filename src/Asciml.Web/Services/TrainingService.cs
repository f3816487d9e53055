using System.Runtime.InteropServices;
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
        WorkspaceTraining started;
        lock (_gate)
        {
            if (IsRunning)
            {
                throw new AscimlException("a training is already running in this workspace; stop it or wait for it to finish");
            }

            // Forget the finished job before starting the next: should the start fail, no disposed job stays behind
            // to make every later start throw ObjectDisposedException.
            WorkspaceTraining? finished = Current;
            Current = null;
            finished?.Dispose();
            Latest = null;
            LastMessage = null;
            try
            {
                started = WorkspaceTraining.Start(workspace, request);
            }
            catch (AscimlException error)
            {
                LastMessage = $"training could not start: {error.Message}";
                throw;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException or ExternalException)
            {
                // The page shows AscimlException messages; anything else would end the circuit.
                LastMessage = $"training could not start: {error.Message.ReplaceLineEndings(" ").Trim()}";
                throw new AscimlException(LastMessage, error);
            }

            Current = started;
        }

        started.Job.ProgressChanged += (_, progress) =>
        {
            Latest = progress;
            Changed?.Invoke();
        };
        started.Completion.ContinueWith(done =>
        {
            TrainingRun? run = workspace.ListTrainingRuns().FirstOrDefault(r => r.Id == started.RunId);
            LastMessage = done.Result is null ? $"training failed: {run?.Message}" : $"training finished ({run?.Status.ToString().ToLowerInvariant()}): {run?.Message}";
            Changed?.Invoke();
        }, TaskScheduler.Default);
        Changed?.Invoke();
    }

    public void Stop() => Current?.Cancel();

    public void Dispose()
    {
        lock (_gate)
        {
            Current?.Dispose();
            Current = null;
        }
    }
}
