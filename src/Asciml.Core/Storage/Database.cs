using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Asciml.Core.Storage;

/// <summary>
/// The connection factory of a workspace: one connection string for <c>asciml.db</c>, short-lived pooled connections
/// (so the web app and the CLI can use one workspace at the same time), and the small SQL helpers every store uses.
/// </summary>
internal sealed class Database(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    private long _connections;

    public string Path { get; } = path;

    /// <summary>How many connections this workspace has opened (tests check that a listing reads once, not once per row).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public SqliteConnection Connect()
    {
        Interlocked.Increment(ref _connections);
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL");
        return connection;
    }

    /// <summary>Creates or migrates the schema; WAL so readers never wait for a writer.</summary>
    public void Migrate()
    {
        using SqliteConnection connection = Connect();
        Execute(connection, "PRAGMA journal_mode=WAL");
        Schema.Migrate(connection);
    }

    /// <summary>Releases the pooled handles so the folder can be moved or deleted.</summary>
    public void ClearPool() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using SqliteCommand command = Command(connection, sql, transaction, parameters);
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
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

    public static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
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
    public static string NewId(string prefix)
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

    public static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Names are labels for people: trimmed, non-empty, printable, at most 120 characters.</summary>
    public static string CleanName(string? name, string what)
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
