using Asciml.Core.IO;
using Microsoft.Data.Sqlite;

namespace Asciml.Core.Workspace;

public sealed partial class Workspace
{
    private const string CurrentModelSetting = "current_model";

    /// <summary>Copies a model file into the workspace (atomically) and registers it; it becomes the current model.</summary>
    public ModelEntry RegisterModel(string name, string preset, string modelFilePath, string settingsJson, string provenanceJson)
    {
        string id = NewId("m");
        string fileName = id + Path.GetExtension(modelFilePath);
        AtomicFile.WriteAllBytes(Path.Combine(ModelsFolder, fileName), File.ReadAllBytes(modelFilePath));
        var entry = new ModelEntry(id, CleanName(name, "model"), preset, fileName, settingsJson, provenanceJson, DateTimeOffset.UtcNow);
        using SqliteConnection connection = Connect();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "INSERT INTO models (id, name, preset, file_name, settings, provenance, created) VALUES ($id, $name, $preset, $file, $settings, $provenance, $created)", transaction,
            ("$id", entry.Id), ("$name", entry.Name), ("$preset", preset), ("$file", fileName), ("$settings", settingsJson), ("$provenance", provenanceJson), ("$created", entry.Created.ToString("O")));
        SetSetting(connection, transaction, CurrentModelSetting, id);
        transaction.Commit();
        return entry;
    }

    public IReadOnlyList<ModelEntry> ListModels()
    {
        using SqliteConnection connection = Connect();
        return Query(connection, "SELECT id, name, preset, file_name, settings, provenance, created FROM models ORDER BY created DESC", ReadModel);
    }

    public ModelEntry GetModel(string id) => ListModels().FirstOrDefault(m => m.Id == id) ?? throw new WorkspaceException($"there is no model with id '{id}'", ErrorKind.NotFound);

    public string ModelPath(ModelEntry model) => Path.Combine(ModelsFolder, model.FileName);

    /// <summary>The model the creation and evaluation stages use: the one chosen last, else the newest.</summary>
    public ModelEntry? CurrentModel
    {
        get
        {
            using SqliteConnection connection = Connect();
            string? id = Query(connection, "SELECT value FROM settings WHERE key = $k", r => r.GetString(0), null, ("$k", CurrentModelSetting)).FirstOrDefault();
            IReadOnlyList<ModelEntry> models = ListModels();
            return models.FirstOrDefault(m => m.Id == id) ?? models.FirstOrDefault();
        }
    }

    /// <summary>Removes a model's registration (for repairs when its file is gone); runs and sounds keep their rows.</summary>
    internal void ForgetModel(string modelId)
    {
        using SqliteConnection connection = Connect();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "UPDATE training_runs SET model_id = NULL WHERE model_id = $id", transaction, ("$id", modelId));
        Execute(connection, "DELETE FROM settings WHERE key = $k AND value = $id", transaction, ("$k", CurrentModelSetting), ("$id", modelId));
        Execute(connection, "DELETE FROM models WHERE id = $id", transaction, ("$id", modelId));
        transaction.Commit();
    }

    public void SetCurrentModel(string modelId)
    {
        _ = GetModel(modelId);
        using SqliteConnection connection = Connect();
        SetSetting(connection, null, CurrentModelSetting, modelId);
    }

    public TrainingRun StartTrainingRun(string settingsJson)
    {
        var run = new TrainingRun(NewId("r"), null, settingsJson, TrainingStatus.Running, null, DateTimeOffset.UtcNow, null, []);
        using SqliteConnection connection = Connect();
        Execute(connection, "INSERT INTO training_runs (id, settings, status, started) VALUES ($id, $settings, 'running', $started)", null,
            ("$id", run.Id), ("$settings", settingsJson), ("$started", run.Started.ToString("O")));
        return run;
    }

    public void AppendEpoch(string runId, TrainingRunEpoch losses)
    {
        using SqliteConnection connection = Connect();
        Execute(connection, "INSERT OR REPLACE INTO training_epochs (run_id, epoch, total, reconstruction, kl, stft) VALUES ($r, $e, $t, $rec, $kl, $stft)", null,
            ("$r", runId), ("$e", losses.Epoch), ("$t", losses.Total), ("$rec", losses.Reconstruction), ("$kl", losses.Kl), ("$stft", losses.Stft));
    }

    public void FinishTrainingRun(string runId, TrainingStatus status, string? message, string? modelId)
    {
        using SqliteConnection connection = Connect();
        Execute(connection, "UPDATE training_runs SET status = $s, message = $m, model_id = $model, finished = $f WHERE id = $id", null,
            ("$s", status.ToString().ToLowerInvariant()), ("$m", message), ("$model", modelId), ("$f", Now()), ("$id", runId));
    }

    public IReadOnlyList<TrainingRun> ListTrainingRuns()
    {
        using SqliteConnection connection = Connect();
        var runs = Query(connection, "SELECT id, model_id, settings, status, message, started, finished FROM training_runs ORDER BY started DESC", r => new TrainingRun(
            r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), Enum.Parse<TrainingStatus>(r.GetString(3), ignoreCase: true),
            r.IsDBNull(4) ? null : r.GetString(4), ParseTime(r.GetString(5)), r.IsDBNull(6) ? null : ParseTime(r.GetString(6)), []));
        return runs.Select(run => run with
        {
            Epochs = Query(connection, "SELECT epoch, total, reconstruction, kl, stft FROM training_epochs WHERE run_id = $r ORDER BY epoch",
                r => new TrainingRunEpoch(r.GetInt32(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4)), null, ("$r", run.Id)),
        }).ToList();
    }

    /// <summary>Runs still marked running when no process trains them (the app was killed) are marked stopped.</summary>
    public void MarkInterruptedRuns()
    {
        using SqliteConnection connection = Connect();
        Execute(connection, "UPDATE training_runs SET status = 'stopped', message = 'interrupted: the app stopped during training', finished = $f WHERE status = 'running'", null, ("$f", Now()));
    }

    private static void SetSetting(SqliteConnection connection, SqliteTransaction? transaction, string key, string value) =>
        Execute(connection, "INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v", transaction, ("$k", key), ("$v", value));

    private static ModelEntry ReadModel(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), ParseTime(r.GetString(6)));
}
