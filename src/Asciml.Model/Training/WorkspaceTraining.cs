using System.Text.Json;
using Asciml.Core;
using Asciml.Core.Storage;
using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>How a workspace training ended: its run, the registered model (null when none was registered) and the trainer's result.</summary>
public sealed record TrainingOutcome(string RunId, ModelEntry? Model, TrainingStatus Status, string Message, ModelMetadata Metadata, TrainingStopReason StopReason);

/// <summary>
/// The training use-case of both shells (`asciml train --group` and the web's training page): a training-run row
/// (epochs appended as they finish), the model written with its checkpoint beside it, and at the end the model
/// registered (and made current) and the run finished. Cancelling keeps and registers the model so far.
/// </summary>
public static class WorkspaceTraining
{
    /// <param name="modelPath">Where the model (and its checkpoint) is written; null trains in a temporary folder
    /// that is removed afterwards (the web: the registered copy in the workspace is the model).</param>
    /// <param name="resume">Continue the checkpoint beside <paramref name="modelPath"/>.</param>
    public static TrainingOutcome Run(Workspace workspace, TrainingPlan plan, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellation = default, string? modelPath = null, bool resume = false)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(plan);
        plan.Check(workspace);
        // Work files of a web run live outside the workspace (its doctor knows only registered models); the finished
        // model is copied in by Models.Register.
        string? workFolder = modelPath is null ? Directory.CreateTempSubdirectory("asciml-training-").FullName : null;
        modelPath ??= Path.Combine(workFolder!, $"model{ModelFile.Extension}");
        try
        {
            TrainingData data = WorkspaceTrainingData.FromGroupIds(workspace, plan.GroupIds);
            TrainingStart start = plan.Begin(modelPath, resume);
            string settingsJson = plan.SettingsJson(start);
            TrainingRun run = workspace.Runs.Start(settingsJson);
            TrainingResult result;
            try
            {
                result = ResumableTraining.Run(modelPath, start, data, plan.Settings, new EpochRecorder(workspace, run.Id, progress), cancellation);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                workspace.Runs.Finish(run.Id, TrainingStatus.Failed, error.Message, null);
                throw;
            }

            try
            {
                ModelEntry entry = workspace.Models.Register(TrainingPlan.ModelName(start), start.Architecture.Preset, modelPath, settingsJson,
                    JsonSerializer.Serialize(result.Metadata.Training, ModelFile.JsonOptions));
                TrainingStatus status = result.StopReason switch
                {
                    TrainingStopReason.Completed => TrainingStatus.Completed,
                    TrainingStopReason.NonFiniteLoss => TrainingStatus.Failed,
                    _ => TrainingStatus.Stopped,
                };
                workspace.Runs.Finish(run.Id, status, result.Message, entry.Id);
                return new TrainingOutcome(run.Id, entry, status, result.Message, result.Metadata, result.StopReason);
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                workspace.Runs.Finish(run.Id, TrainingStatus.Failed, error.Message, null);
                throw;
            }
            finally
            {
                result.Network.Dispose();
            }
        }
        finally
        {
            if (workFolder is not null)
            {
                Directory.Delete(workFolder, recursive: true);
            }
        }
    }

    /// <summary>Appends each finished epoch to the run, then passes the progress on (synchronously, on the training thread).</summary>
    private sealed class EpochRecorder(Workspace workspace, string runId, IProgress<TrainingProgress>? next) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.EpochFinished is { } epoch)
            {
                workspace.Runs.AppendEpoch(runId, new TrainingRunEpoch(epoch.Epoch, epoch.Total, epoch.Reconstruction, epoch.Kl, epoch.Stft));
            }

            next?.Report(value);
        }
    }
}
