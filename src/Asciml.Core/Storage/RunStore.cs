using Microsoft.Data.Sqlite;
using static Asciml.Core.Storage.Database;

namespace Asciml.Core.Storage;

/// <summary>The training runs of a workspace: settings, status, and the losses of every finished epoch.</summary>
public sealed class RunStore
{
    private const string SelectRuns = "SELECT id, model_id, settings, status, message, started, finished FROM training_runs";
    private const string SelectEpochs = "SELECT run_id, epoch, total, reconstruction, kl, stft FROM training_epochs";
    private readonly Database _database;

    internal RunStore(Database database) => _database = database;

    public TrainingRun Start(string settingsJson)
    {
        var run = new TrainingRun(NewId("r"), null, settingsJson, TrainingStatus.Running, null, DateTimeOffset.UtcNow, null, []);
        using SqliteConnection connection = _database.Connect();
        Execute(connection, "INSERT INTO training_runs (id, settings, status, started) VALUES ($id, $settings, 'running', $started)", null,
            ("$id", run.Id), ("$settings", settingsJson), ("$started", run.Started.ToString("O")));
        return run;
    }

    /// <summary>Records (or replaces) the losses of one finished epoch of a run.</summary>
    public void AppendEpoch(string runId, TrainingRunEpoch losses)
    {
        using SqliteConnection connection = _database.Connect();
        try
        {
            Execute(connection, "INSERT OR REPLACE INTO training_epochs (run_id, epoch, total, reconstruction, kl, stft) VALUES ($r, $e, $t, $rec, $kl, $stft)", null,
                ("$r", runId), ("$e", losses.Epoch), ("$t", losses.Total), ("$rec", losses.Reconstruction), ("$kl", losses.Kl), ("$stft", losses.Stft));
        }
        catch (SqliteException error) when (error.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            // the run_id foreign key: SQLite's own words ("FOREIGN KEY constraint failed") name neither run nor table
            throw NotFound(runId);
        }
    }

    public void Finish(string runId, TrainingStatus status, string? message, string? modelId)
    {
        using SqliteConnection connection = _database.Connect();
        Execute(connection, "UPDATE training_runs SET status = $s, message = $m, model_id = $model, finished = $f WHERE id = $id", null,
            ("$s", status.ToString().ToLowerInvariant()), ("$m", message), ("$model", modelId), ("$f", Now()), ("$id", runId));
    }

    public TrainingRun Get(string id)
    {
        using SqliteConnection connection = _database.Connect();
        TrainingRun run = Query(connection, $"{SelectRuns} WHERE id = $id", ReadRun, null, ("$id", id)).FirstOrDefault() ?? throw NotFound(id);
        return run with { Epochs = Query(connection, $"{SelectEpochs} WHERE run_id = $id ORDER BY epoch", ReadEpoch, null, ("$id", id)).Select(e => e.Epoch).ToList() };
    }

    /// <summary>All runs, newest first, each with its epochs in order (two queries, not one per run).</summary>
    public IReadOnlyList<TrainingRun> List()
    {
        using SqliteConnection connection = _database.Connect();
        List<TrainingRun> runs = Query(connection, $"{SelectRuns} ORDER BY started DESC", ReadRun);
        ILookup<string, TrainingRunEpoch> epochs = Query(connection, $"{SelectEpochs} ORDER BY run_id, epoch", ReadEpoch).ToLookup(e => e.Run, e => e.Epoch, StringComparer.Ordinal);
        return runs.Select(run => run with { Epochs = epochs[run.Id].ToList() }).ToList();
    }

    /// <summary>Runs still marked running when no process trains them (the app was killed) are marked stopped.</summary>
    public void MarkInterrupted()
    {
        using SqliteConnection connection = _database.Connect();
        Execute(connection, "UPDATE training_runs SET status = 'stopped', message = 'interrupted: the app stopped during training', finished = $f WHERE status = 'running'", null, ("$f", Now()));
    }

    private static WorkspaceException NotFound(string runId) => new($"there is no training run with id '{runId}'", ErrorKind.NotFound);

    private static TrainingRun ReadRun(SqliteDataReader r) => new(
        r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), Enum.Parse<TrainingStatus>(r.GetString(3), ignoreCase: true),
        r.IsDBNull(4) ? null : r.GetString(4), ParseTime(r.GetString(5)), r.IsDBNull(6) ? null : ParseTime(r.GetString(6)), []);

    private static (string Run, TrainingRunEpoch Epoch) ReadEpoch(SqliteDataReader r) =>
        (r.GetString(0), new TrainingRunEpoch(r.GetInt32(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.IsDBNull(5) ? null : r.GetDouble(5)));
}
