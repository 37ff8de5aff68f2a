using HeyHo.Api.Data;
using HeyHo.Api.Tests.Harness;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Data;

/// <summary>How the app opens its database: connection settings per engine, and a connection string of the wrong kind.</summary>
public sealed class DatabaseSetupTests
{
    [Fact]
    public async Task AppConnections_CarryTheDurabilityAndLockWaitSettings()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Database:BusyTimeoutMs"] = "4321", ["Database:WriteQueueTimeoutMs"] = "8765" });
        factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        // Opened the way the app opens every connection: through EF Core (a raw DbConnection.Open would bypass
        // the interceptor and only show a pooled connection's leftovers).
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        SqliteConnection.ClearAllPools(); // a fresh physical connection, so nothing is inherited from earlier opens
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        if (factory.Database.Provider == DatabaseProvider.Postgres)
        {
            Assert.Equal("8765ms", await Scalar(connection, "SHOW lock_timeout")); // the write queue's counterpart
            Assert.Equal("on", await Scalar(connection, "SHOW synchronous_commit")); // a commit is on disk before the 200
            return;
        }
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("2", await Scalar(connection, "PRAGMA synchronous")); // 2 = FULL
        Assert.Equal("4321", await Scalar(connection, "PRAGMA busy_timeout"));
        Assert.Equal("1", await Scalar(connection, "PRAGMA foreign_keys"));
    }

    private static async Task<string> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public void PostgresProviderWithASqliteConnectionString_StopsStartUpWithoutQuotingIt()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:HeyHo"] = "Data Source=heyho.db;Password=not-for-logs",
        });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ConnectionStrings:HeyHo is not a PostgreSQL connection string", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-for-logs", error.ToString(), StringComparison.Ordinal);
    }
}
