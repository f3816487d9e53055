using Microsoft.Data.Sqlite;
using static Asciml.Core.Storage.Database;

namespace Asciml.Core.Storage;

/// <summary>The trained models registered in a workspace (files in its models folder) and which one is current.</summary>
public sealed class ModelStore
{
    private const string CurrentModelSetting = "current_model";
    private readonly Database _database;
    private readonly string _folder;

    internal ModelStore(Database database, string folder)
    {
        _database = database;
        _folder = folder;
    }

    /// <summary>Copies a model file into the workspace (atomically) and registers it; it becomes the current model.</summary>
    public ModelEntry Register(string name, string preset, string modelFilePath, string settingsJson, string provenanceJson)
    {
        string id = NewId("m");
        string fileName = id + Path.GetExtension(modelFilePath);
        Workspace.WriteFileAtomically(Path.Combine(_folder, fileName), File.ReadAllBytes(modelFilePath));
        var entry = new ModelEntry(id, CleanName(name, "model"), preset, fileName, settingsJson, provenanceJson, DateTimeOffset.UtcNow);
        using SqliteConnection connection = _database.Connect();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "INSERT INTO models (id, name, preset, file_name, settings, provenance, created) VALUES ($id, $name, $preset, $file, $settings, $provenance, $created)", transaction,
            ("$id", entry.Id), ("$name", entry.Name), ("$preset", preset), ("$file", fileName), ("$settings", settingsJson), ("$provenance", provenanceJson), ("$created", entry.Created.ToString("O")));
        SetSetting(connection, transaction, CurrentModelSetting, id);
        transaction.Commit();
        return entry;
    }

    /// <summary>The registered models, newest first.</summary>
    public IReadOnlyList<ModelEntry> List()
    {
        using SqliteConnection connection = _database.Connect();
        return Query(connection, "SELECT id, name, preset, file_name, settings, provenance, created FROM models ORDER BY created DESC", ReadModel);
    }

    public ModelEntry Get(string id) => List().FirstOrDefault(m => m.Id == id) ?? throw new WorkspaceException($"there is no model with id '{id}'", ErrorKind.NotFound);

    /// <summary>Where the model's file is.</summary>
    public string FilePath(ModelEntry model) => Path.Combine(_folder, model.FileName);

    /// <summary>The model the creation and evaluation stages use: the one chosen last, else the newest.</summary>
    public ModelEntry? Current
    {
        get
        {
            using SqliteConnection connection = _database.Connect();
            string? id = Query(connection, "SELECT value FROM settings WHERE key = $k", r => r.GetString(0), null, ("$k", CurrentModelSetting)).FirstOrDefault();
            IReadOnlyList<ModelEntry> models = List();
            return models.FirstOrDefault(m => m.Id == id) ?? models.FirstOrDefault();
        }
    }

    public void SetCurrent(string modelId)
    {
        _ = Get(modelId);
        using SqliteConnection connection = _database.Connect();
        SetSetting(connection, null, CurrentModelSetting, modelId);
    }

    /// <summary>Removes a model's registration (for repairs when its file is gone); runs and sounds keep their rows.</summary>
    internal void Forget(string modelId)
    {
        using SqliteConnection connection = _database.Connect();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "UPDATE training_runs SET model_id = NULL WHERE model_id = $id", transaction, ("$id", modelId));
        Execute(connection, "DELETE FROM settings WHERE key = $k AND value = $id", transaction, ("$k", CurrentModelSetting), ("$id", modelId));
        Execute(connection, "DELETE FROM models WHERE id = $id", transaction, ("$id", modelId));
        transaction.Commit();
    }

    private static void SetSetting(SqliteConnection connection, SqliteTransaction? transaction, string key, string value) =>
        Execute(connection, "INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v", transaction, ("$k", key), ("$v", value));

    private static ModelEntry ReadModel(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), ParseTime(r.GetString(6)));
}
