using System.Text.Json;
using Asciml.Core.Workspace;
using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>What to train in a workspace: its groups (ids), a new model of a preset or the pretrained one, and the sliders.</summary>
public sealed record WorkspaceTrainingRequest(IReadOnlyList<string> GroupIds, string Preset, bool FromPretrained, TrainingSettings Settings);

/// <summary>
/// A training run recorded in the workspace: a training-run row (epochs appended as they finish), a checkpoint
/// in the models folder, and at the end the model registered (and made current). For the web app's training
/// page: <see cref="Job"/> gives progress and history, <see cref="Cancel"/> stops (the model so far is kept and
/// registered), <see cref="Completion"/> yields the registered model, or null when training failed (the run's
/// message says why).
/// </summary>
public sealed class WorkspaceTraining : IDisposable
{
    private WorkspaceTraining(string runId, TrainingJob job, Task<ModelEntry?> completion)
    {
        RunId = runId;
        Job = job;
        Completion = completion;
    }

    public string RunId { get; }

    public TrainingJob Job { get; }

    public Task<ModelEntry?> Completion { get; }

    public static WorkspaceTraining Start(Workspace workspace, WorkspaceTrainingRequest request)
    {
        TrainingData data = WorkspaceTrainingData.FromGroupIds(workspace, request.GroupIds);
        TrainingStart start = request.FromPretrained
            ? TrainingStart.FineTune(ModelFile.Load(PretrainedModel.Locate()), PretrainedModel.FileName)
            : TrainingStart.FromScratch(ModelPresets.FromName(request.Preset));
        request.Settings.Validate();

        string settingsJson = JsonSerializer.Serialize(new
        {
            groups = request.GroupIds,
            preset = start.Architecture.Preset,
            from_pretrained = request.FromPretrained,
            epochs = request.Settings.Epochs,
            batch_size = request.Settings.BatchSize,
            learning_rate = request.Settings.LearningRate,
            seed = request.Settings.Seed,
        });
        TrainingRun run = workspace.StartTrainingRun(settingsJson);
        // Work files live outside the workspace (its doctor knows only registered models); the finished model is
        // copied in by RegisterModel.
        string workFolder = Path.Combine(Path.GetTempPath(), "asciml-training", run.Id);
        Directory.CreateDirectory(workFolder);
        string modelPath = Path.Combine(workFolder, $"model{ModelFile.Extension}");
        TrainingSettings settings = request.Settings with { CheckpointPath = ResumableTraining.CheckpointPathFor(modelPath) };

        TrainingJob job;
        try
        {
            job = TrainingJob.Start(start, data, settings);
        }
        catch (Exception error)
        {
            workspace.FinishTrainingRun(run.Id, TrainingStatus.Failed, error.Message, null);
            throw;
        }

        job.ProgressChanged += (_, progress) =>
        {
            if (progress.EpochFinished is { } epoch)
            {
                workspace.AppendEpoch(run.Id, new TrainingRunEpoch(epoch.Epoch, epoch.Total, epoch.Reconstruction, epoch.Kl, epoch.Stft));
            }
        };

        Task<ModelEntry?> completion = job.Completion.ContinueWith(done =>
        {
            if (done.IsFaulted || done.IsCanceled)
            {
                string why = done.Exception?.InnerException?.Message ?? "training was cancelled";
                workspace.FinishTrainingRun(run.Id, TrainingStatus.Failed, why, null);
                Directory.Delete(workFolder, recursive: true);
                return null;
            }

            TrainingResult result = done.Result;
            try
            {
                ModelFile.Save(modelPath, result.Network, result.Metadata);
                string name = $"{start.Architecture.Preset} {(request.FromPretrained ? "fine-tuned" : "new")} {DateTime.Now:yyyy-MM-dd HH:mm}";
                ModelEntry entry = workspace.RegisterModel(name, start.Architecture.Preset, modelPath, settingsJson,
                    JsonSerializer.Serialize(result.Metadata.Training, ModelFile.JsonOptions));
                TrainingStatus status = result.StopReason switch
                {
                    TrainingStopReason.Completed => TrainingStatus.Completed,
                    TrainingStopReason.NonFiniteLoss => TrainingStatus.Failed,
                    _ => TrainingStatus.Stopped,
                };
                workspace.FinishTrainingRun(run.Id, status, result.Message, entry.Id);
                return entry;
            }
            catch (Exception error)
            {
                workspace.FinishTrainingRun(run.Id, TrainingStatus.Failed, error.Message, null);
                return null;
            }
            finally
            {
                result.Network.Dispose();
                Directory.Delete(workFolder, recursive: true);
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        return new WorkspaceTraining(run.Id, job, completion);
    }

    /// <summary>Stops after the current batch; the model so far is saved and registered.</summary>
    public void Cancel() => Job.Cancel();

    public void Dispose()
    {
        Job.Dispose();
        try
        {
            Completion.Wait();
        }
        catch (AggregateException)
        {
            // Failures are recorded in the training run; disposing only waits for the bookkeeping to end.
        }
    }
}
