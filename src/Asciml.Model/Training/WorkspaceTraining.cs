using System.Text.Json;
using Asciml.Core;
using Asciml.Core.Workspace;
using Asciml.Model.Vae;

namespace Asciml.Model.Training;

/// <summary>What a musician chooses on the training page (or with `asciml train --group`).</summary>
public sealed record WorkspaceTrainingRequest(IReadOnlyList<string> GroupIds, string Preset, bool FromPretrained, TrainingSettings Settings, string? ModelName = null);

/// <summary>
/// Training on workspace groups: gathers the groups' model inputs, runs a <see cref="TrainingJob"/>, records the run
/// and each finished epoch in the workspace as it goes, and registers the resulting model (which becomes the
/// current one). A NaN/Inf stop still registers the last good model and records why.
/// </summary>
public sealed class WorkspaceTraining : IDisposable
{
    private WorkspaceTraining(Workspace workspace, TrainingJob job, string runId, WorkspaceTrainingRequest request)
    {
        Job = job;
        RunId = runId;
        Request = request;
        job.ProgressChanged += (_, progress) =>
        {
            if (progress.EpochFinished is EpochLosses epoch)
            {
                workspace.AppendEpoch(runId, new TrainingRunEpoch(epoch.Epoch, epoch.Total, epoch.Reconstruction, epoch.Kl, epoch.Stft));
            }
        };
        Completion = job.Completion.ContinueWith(finished => Record(workspace, finished), TaskScheduler.Default);
    }

    public TrainingJob Job { get; }

    public string RunId { get; }

    public WorkspaceTrainingRequest Request { get; }

    /// <summary>The registered model, or null when training failed (the run records why).</summary>
    public Task<ModelEntry?> Completion { get; }

    public static WorkspaceTraining Start(Workspace workspace, WorkspaceTrainingRequest request)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(request);
        if (request.GroupIds.Count == 0)
        {
            throw new AscimlException("choose at least one group to train on");
        }

        var clips = new List<TrainingClip>();
        var groupNames = new List<string>();
        foreach (string groupId in request.GroupIds)
        {
            Group group = workspace.GetGroup(groupId);
            groupNames.Add(group.Name);
            clips.AddRange(workspace.ListSounds(groupId).Select(s => new TrainingClip($"{group.Name}/{s.Name}", workspace.LoadModelInput(s.Id))));
        }

        if (clips.Count == 0)
        {
            throw new AscimlException($"group{(groupNames.Count == 1 ? "" : "s")} {string.Join(", ", groupNames)} {(groupNames.Count == 1 ? "has" : "have")} no sounds yet: add some in the dataset stage first");
        }

        request.Settings.Validate();
        TrainingStart start = request.FromPretrained
            ? TrainingStart.FineTune(ModelFile.Load(PretrainedModel.Locate()), "pretrained")
            : TrainingStart.FromScratch(VaeArchitecture.FromPreset(request.Preset));
        TrainingData data = TrainingData.FromClips(clips, $"groups {string.Join(", ", groupNames)}");
        string settingsJson = JsonSerializer.Serialize(new
        {
            groups = groupNames,
            preset = request.FromPretrained ? "lite (pretrained)" : request.Preset,
            from_pretrained = request.FromPretrained,
            epochs = request.Settings.Epochs,
            batch_size = request.Settings.BatchSize,
            learning_rate = request.Settings.LearningRate,
            seed = request.Settings.Seed,
            sounds = clips.Count,
        });
        string runId = workspace.StartTrainingRun(settingsJson).Id;
        TrainingJob job;
        try
        {
            job = TrainingJob.Start(start, data, request.Settings);
        }
        catch (Exception error)
        {
            workspace.FinishTrainingRun(runId, TrainingStatus.Failed, error.Message, null);
            throw;
        }

        return new WorkspaceTraining(workspace, job, runId, request);
    }

    public void Cancel() => Job.Cancel();

    public void Dispose() => Job.Dispose();

    private ModelEntry? Record(Workspace workspace, Task<TrainingResult> finished)
    {
        if (!finished.IsCompletedSuccessfully)
        {
            Exception error = finished.Exception?.GetBaseException() ?? new OperationCanceledException("training was cancelled");
            workspace.FinishTrainingRun(RunId, TrainingStatus.Failed, error.Message, null);
            return null;
        }

        TrainingResult result = finished.Result;
        string temporary = Path.Combine(workspace.ModelsFolder, $".tmp-{Guid.NewGuid():N}{ModelFile.Extension}");
        try
        {
            ModelFile.Save(temporary, result.Network, result.Metadata);
            string name = Request.ModelName ?? $"{result.Metadata.Preset} {DateTime.Now:yyyy-MM-dd HH:mm}";
            ModelEntry model = workspace.RegisterModel(name, result.Metadata.Preset, temporary,
                JsonSerializer.Serialize(Request.Settings with { CheckpointPath = null }), JsonSerializer.Serialize(result.Metadata.Training, ModelFile.JsonOptions));
            TrainingStatus status = result.StopReason switch
            {
                TrainingStopReason.Cancelled => TrainingStatus.Stopped,
                TrainingStopReason.NonFiniteLoss => TrainingStatus.Failed,
                _ => TrainingStatus.Completed,
            };
            workspace.FinishTrainingRun(RunId, status, result.Message, model.Id);
            return model;
        }
        finally
        {
            File.Delete(temporary);
            result.Network.Dispose();
        }
    }
}
