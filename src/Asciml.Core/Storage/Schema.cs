using Microsoft.Data.Sqlite;

namespace Asciml.Core.Storage;

/// <summary>The database schema as ordered migrations; <c>schema_version</c> records how many have run.</summary>
internal static class Schema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE groups (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            colour TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL);
        CREATE TABLE sounds (
            id TEXT PRIMARY KEY,
            group_id TEXT REFERENCES groups(id),
            trashed_from_group TEXT,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            synthesis_parameters TEXT,
            original_file_name TEXT,
            original_extension TEXT,
            created TEXT NOT NULL,
            deleted TEXT,
            features TEXT,
            features_version INTEGER);
        CREATE INDEX sounds_by_group ON sounds(group_id, deleted);
        CREATE TABLE models (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            preset TEXT NOT NULL,
            file_name TEXT NOT NULL,
            settings TEXT NOT NULL,
            provenance TEXT NOT NULL,
            created TEXT NOT NULL);
        CREATE TABLE training_runs (
            id TEXT PRIMARY KEY,
            model_id TEXT REFERENCES models(id),
            settings TEXT NOT NULL,
            status TEXT NOT NULL,
            message TEXT,
            started TEXT NOT NULL,
            finished TEXT);
        CREATE TABLE training_epochs (
            run_id TEXT NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            total REAL NOT NULL,
            reconstruction REAL NOT NULL,
            kl REAL NOT NULL,
            stft REAL,
            PRIMARY KEY (run_id, epoch));
        CREATE TABLE generated_sounds (
            sound_id TEXT PRIMARY KEY REFERENCES sounds(id) ON DELETE CASCADE,
            model_id TEXT,
            from_sound_id TEXT,
            to_sound_id TEXT,
            amount REAL NOT NULL);
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    public static void Migrate(SqliteConnection connection)
    {
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }

        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        using SqliteCommand read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        int version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
        {
            throw new WorkspaceException($"this workspace was written by a newer Asciml (schema {version}, this one knows {Migrations.Length}); update Asciml");
        }

        for (int next = version; next < Migrations.Length; next++)
        {
            using SqliteCommand migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[next] + $";DELETE FROM schema_version; INSERT INTO schema_version VALUES ({next + 1});";
            migrate.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
