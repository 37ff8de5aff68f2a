using Npgsql;

namespace HeyHo.Testing;

/// <summary>
/// Throw-away databases on a PostgreSQL server named by <see cref="ServerVariable"/> (a connection string whose role
/// may create databases): each test class or bench run gets a database of its own and drops it afterwards.
/// </summary>
public static class Postgres
{
    public const string ServerVariable = "HEYHO_TEST_POSTGRES";

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public static string RequireServer() => Server ?? throw new InvalidOperationException(
        $"{ServerVariable} is not set: it must hold a connection string to a PostgreSQL server whose role may create databases.");

    /// <summary>
    /// Creates an empty database and returns its connection string. Its default collation is linguistic (ICU en-US),
    /// as on many servers, so that anything relying on the server's default text order shows up in tests: HeyHo
    /// orders by columns it declares byte-wise ("C").
    /// </summary>
    public static string CreateDatabase(string server, string prefix = "heyho_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        Execute(server, $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Runs one statement on the server's own database (as the role of <paramref name="server"/>).</summary>
    public static void Execute(string server, string sql)
    {
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Drops the database, ending sessions still connected (WITH FORCE). FORCE refuses when an autovacuum worker is
    /// in it (a process no ordinary role may terminate); a plain DROP asks autovacuum to stop and waits for it.
    /// </summary>
    public static void DropDatabase(string server, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        var force = true;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"{(force ? " WITH (FORCE)" : "")}", connection);
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (attempt < 10 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                force = !force; // FORCE failed: autovacuum is in; plain DROP failed: a session is in
                Thread.Sleep(200);
            }
        }
    }
}
