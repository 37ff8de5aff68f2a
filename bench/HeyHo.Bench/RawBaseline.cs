using System.Diagnostics;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Bench;

/// <summary>
/// The ceiling for the sync endpoint: the same prepared upsert the endpoint runs, straight on one connection, one
/// transaction per 1000 rows, no HTTP, no JSON, no validation – on either engine.
/// </summary>
internal static class RawBaseline
{
    public static async Task<double> RunAsync(DatabaseUnderTest database, int batches)
    {
        var options = database.Provider == DatabaseProvider.Postgres
            ? DatabaseSetup.ConfigurePostgres(new DbContextOptionsBuilder<PostgresHeyHoDbContext>(), database.ConnectionString, 30_000).Options
            : DatabaseSetup.ConfigureSqlite(new DbContextOptionsBuilder<SqliteHeyHoDbContext>(), database.ConnectionString, 5000).Options;
        await using (var db = database.Provider == DatabaseProvider.Postgres
            ? (HeyHoDbContext)new PostgresHeyHoDbContext((DbContextOptions<PostgresHeyHoDbContext>)options)
            : new SqliteHeyHoDbContext((DbContextOptions<SqliteHeyHoDbContext>)options))
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync(SqlitePragmas.EnableWal);
            }
            await db.Database.MigrateAsync();
            db.Users.Add(new AppUser { Id = "raw", UserName = "raw", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await using var connection = database.Open();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;";
            await pragmas.ExecuteNonQueryAsync();
        }

        const int warmUp = 10;
        var inputs = Enumerable.Range(0, batches + warmUp)
            .Select(b => Scenarios.Batches.Rows("raw", b).Select(r => Scenarios.Batches.Input(r.Id, r.StartedAt, r.N, b)).ToList()).ToList();
        var watch = new Stopwatch();
        for (var b = 0; b < inputs.Count; b++)
        {
            if (b == warmUp)
            {
                watch.Start(); // as for the endpoint, the first batches let the JIT reach its optimised tier
            }
            await using var transaction = await connection.BeginTransactionAsync();
            using (var upserts = new SyncUpserts(connection, transaction, "raw", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
            {
                await upserts.UpsertAsync(inputs[b], CancellationToken.None);
            }
            await transaction.CommitAsync();
        }
        return batches * Scenarios.BatchSize / watch.Elapsed.TotalSeconds;
    }
}
