using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Asciml.Core.Workspace;

/// <summary>
/// A workspace folder: <c>asciml.db</c> (SQLite, WAL) plus audio and model files named by id, never by user-given
/// names. Every write puts files in place first (temporary file, flush to disk, rename) and then commits one
/// transaction, so a sound is entirely present or absent whenever the process dies; a file without a row is a
/// harmless leftover that <see cref="WorkspaceDoctor"/> removes. Connections are short-lived, so the web app and
/// the CLI can use one workspace at the same time. Thread-safe.
/// </summary>
public sealed partial class Workspace : IDisposable
{
    public const string DatabaseFileName = "asciml.db";
    private readonly string _connectionString;

    private Workspace(string folder)
    {
        Folder = folder;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, DatabaseFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Folder { get; }

    /// <summary>Model inputs: <c>sounds/&lt;id&gt;.wav</c>, 32-bit float so they round-trip exactly.</summary>
    public string SoundsFolder => Path.Combine(Folder, "sounds");

    /// <summary>Original files as uploaded or recorded: <c>originals/&lt;id&gt;&lt;extension&gt;</c>.</summary>
    public string OriginalsFolder => Path.Combine(Folder, "originals");

    public string ModelsFolder => Path.Combine(Folder, "models");

    public static Workspace Open(string folder)
    {
        string fullPath = Path.GetFullPath(folder);
        if (File.Exists(fullPath))
        {
            throw new WorkspaceException($"{fullPath} is a file; a workspace is a folder");
        }

        var workspace = new Workspace(fullPath);
        Directory.CreateDirectory(workspace.SoundsFolder);
        Directory.CreateDirectory(workspace.OriginalsFolder);
        Directory.CreateDirectory(workspace.ModelsFolder);
        try
        {
            using SqliteConnection connection = workspace.Connect();
            Execute(connection, "PRAGMA journal_mode=WAL");
            Schema.Migrate(connection);
        }
        catch (SqliteException error)
        {
            throw new WorkspaceException($"{Path.Combine(fullPath, DatabaseFileName)} cannot be opened as a workspace database ({error.Message})");
        }

        return workspace;
    }

    public void Dispose()
    {
        // Connections are per operation; release the pooled handles so the folder can be moved or deleted.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    internal SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL");
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, transaction, parameters);
        command.ExecuteNonQuery();
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, transaction, parameters);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Short, URL-safe, unguessable ids: a prefix and 10 base-32 characters (50 random bits).</summary>
    internal static string NewId(string prefix)
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[10];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = Alphabet[random[i] % Alphabet.Length];
        }

        return $"{prefix}-{text}";
    }

    internal static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Names are labels for people: trimmed, non-empty, printable, at most 120 characters.</summary>
    internal static string CleanName(string? name, string what)
    {
        string trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new WorkspaceException($"a {what} needs a name");
        }

        if (trimmed.Length > 120)
        {
            throw new WorkspaceException($"{what} name '{trimmed[..20]}…' is longer than 120 characters");
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new WorkspaceException($"{what} name '{trimmed}' contains control characters");
        }

        return trimmed;
    }
}
