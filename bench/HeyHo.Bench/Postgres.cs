using Npgsql;

namespace HeyHo.Bench;

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
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand(
            $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'", connection);
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string server, string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
