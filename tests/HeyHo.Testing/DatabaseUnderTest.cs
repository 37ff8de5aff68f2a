using System.Data.Common;
using HeyHo.Api.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HeyHo.Testing;

/// <summary>
/// The database one test class, test or bench run works against: a fresh SQLite file, or – when HEYHO_TEST_PROVIDER
/// is Postgres – a fresh database on the server named by HEYHO_TEST_POSTGRES; dropped on dispose. Tests read it
/// directly, as a second process would, with quoted identifiers so that the same SQL runs on both engines.
/// </summary>
public abstract class DatabaseUnderTest : IDisposable
{
    public const string ProviderVariable = "HEYHO_TEST_PROVIDER";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "heyho-databases");

    /// <summary>The engine this run of the suite uses; SQLite unless HEYHO_TEST_PROVIDER says Postgres.</summary>
    public static DatabaseProvider RunProvider { get; } =
        Enum.TryParse<DatabaseProvider>(System.Environment.GetEnvironmentVariable(ProviderVariable), ignoreCase: true, out var provider)
            ? provider : DatabaseProvider.Sqlite;

    public static DatabaseUnderTest Create() => Create(RunProvider);

    public static DatabaseUnderTest Create(DatabaseProvider provider, string? sqlitePath = null) => provider == DatabaseProvider.Postgres
        ? new PostgresDatabase(Postgres.RequireServer())
        : new SqliteDatabase(sqlitePath ?? Path.Combine(Directory.CreateDirectory(Root).FullName, $"{Guid.NewGuid():N}.db"));

    public abstract DatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    /// <summary>The settings that point the API at this database (configuration keys).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:HeyHo"] = ConnectionString,
        ["Database:Provider"] = Provider.ToString(),
    };

    /// <summary>The same settings as environment variables, for a child process.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    public abstract DbConnection Open();

    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Holds the lock a writer needs from another connection until disposed, readers staying free: SQLite's write lock
    /// (BEGIN IMMEDIATE), or exclusive table locks on the sync tables in PostgreSQL.
    /// </summary>
    public IDisposable HoldWriteLock()
    {
        var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Provider == DatabaseProvider.Postgres
            ? "BEGIN; LOCK TABLE \"PageVisits\", \"TabAggregates\", \"SyncReceipts\" IN EXCLUSIVE MODE"
            : "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
        return new Held(connection);
    }

    /// <summary>SQLite's PRAGMA integrity_check; PostgreSQL has no equivalent a non-superuser can run.</summary>
    public string IntegrityCheck() => Provider == DatabaseProvider.Sqlite
        ? Convert.ToString(Scalar("PRAGMA integrity_check"), System.Globalization.CultureInfo.InvariantCulture)!
        : "not applicable (PostgreSQL)";

    public long Count(string sql) => Convert.ToInt64(Scalar(sql), System.Globalization.CultureInfo.InvariantCulture);

    private object? Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public abstract void Dispose();

    private sealed class Held(DbConnection connection) : IDisposable
    {
        public void Dispose()
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "ROLLBACK";
                command.ExecuteNonQuery();
            }
            connection.Dispose();
        }
    }

    private sealed class SqliteDatabase(string path) : DatabaseUnderTest
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string ConnectionString => $"Data Source={path}";

        public override DbConnection Open()
        {
            var connection = new SqliteConnection(ConnectionString);
            connection.Open();
            return connection;
        }

        public override void Dispose()
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private sealed class PostgresDatabase(string server) : DatabaseUnderTest
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        public override string ConnectionString { get; } = Postgres.CreateDatabase(server);

        public override DbConnection Open()
        {
            var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            return connection;
        }

        public override void Dispose() => Postgres.DropDatabase(server, ConnectionString);
    }
}
