using System.Globalization;
using HeyHo.Api.Data;
using Npgsql;

namespace HeyHo.Bench;

/// <summary>
/// Sync ingest on SQLite and on PostgreSQL (loopback, HEYHO_TEST_POSTGRES), from the same machine in one run:
/// the raw upsert ceiling and POST /api/v1/data/sync with fresh 1000-record batches at concurrency 1, 4 and 8.
/// The engines alternate round by round and every figure is the median over the rounds, so that the shared
/// machine's noise falls on both alike.
/// </summary>
internal static class EngineComparison
{
    /// <summary>A sync as the extension sends it every 5 minutes during ordinary browsing: a handful of records.</summary>
    private const int SmallBatch = 15;

    private sealed record Round(
        double Raw, Dictionary<int, (double Rate, double P50, double P99, int Errors)> Ingest,
        (double RequestsPerSecond, double P50, double P99, int Errors) Small, double PeakMb);

    public static async Task<int> RunAsync(int rounds, bool quick)
    {
        var server = Postgres.RequireServer();
        Console.WriteLine($"# HeyHo sync ingest, SQLite vs PostgreSQL ({rounds} rounds{(quick ? ", quick" : "")}) {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            Console.WriteLine($"PostgreSQL {connection.PostgreSqlVersion} on {connection.Host}:{connection.Port} (same machine), " +
                              $"synchronous_commit={await Show(connection, "synchronous_commit")}, fsync={await Show(connection, "fsync")}, " +
                              $"shared_buffers={await Show(connection, "shared_buffers")}");
        }

        var results = new Dictionary<DatabaseProvider, List<Round>> { [DatabaseProvider.Sqlite] = [], [DatabaseProvider.Postgres] = [] };
        var failures = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                var result = await RunOnceAsync(engine, quick);
                failures += result.Ingest.Values.Sum(r => r.Errors) + result.Small.Errors;
                results[engine].Add(result);
                Console.WriteLine($"round {round + 1} {engine}: raw {result.Raw:F0}/s, " +
                                  string.Join(", ", result.Ingest.Select(i => $"c={i.Key} {i.Value.Rate:F0}/s p99 {i.Value.P99:F1} ms")) +
                                  $", {SmallBatch}-record syncs at c=8: {result.Small.RequestsPerSecond:F0} requests/s");
            }
        }

        Console.WriteLine($"\n## Medians of {rounds} rounds");
        Console.WriteLine("| engine | raw upsert records/s | c=1 records/s | c=1 p50 / p99 ms | c=4 records/s | c=4 p50 / p99 ms | c=8 records/s | c=8 p50 / p99 ms | endpoint/raw at c=4 | API peak MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (engine, list) in results)
        {
            double M(Func<Round, double> f) => Median(list.Select(f));
            var cells = new[] { 1, 4, 8 }.Select(c => $"{M(r => r.Ingest[c].Rate):F0} | {M(r => r.Ingest[c].P50):F1} / {M(r => r.Ingest[c].P99):F1}");
            Console.WriteLine($"| {engine} | {M(r => r.Raw):F0} | {string.Join(" | ", cells)} | {M(r => r.Ingest[4].Rate / r.Raw):F2} | {M(r => r.PeakMb):F0} |");
        }
        Console.WriteLine($"\n{SmallBatch}-record syncs at concurrency 8 (8 users):");
        Console.WriteLine("| engine | requests/s | records/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (engine, list) in results)
        {
            double M(Func<Round, double> f) => Median(list.Select(f));
            Console.WriteLine($"| {engine} | {M(r => r.Small.RequestsPerSecond):F0} | {M(r => r.Small.RequestsPerSecond) * SmallBatch:F0} | {M(r => r.Small.P50):F1} | {M(r => r.Small.P99):F1} |");
        }
        var sqlite = results[DatabaseProvider.Sqlite];
        var postgres = results[DatabaseProvider.Postgres];
        Console.WriteLine("PostgreSQL / SQLite (median of per-round ratios): " + string.Join(", ", new[] { 1, 4, 8 }.Select(c =>
            $"c={c} {Median(sqlite.Zip(postgres, (s, p) => p.Ingest[c].Rate / s.Ingest[c].Rate)):F2}")) +
            $", raw {Median(sqlite.Zip(postgres, (s, p) => p.Raw / s.Raw)):F2}");
        Console.WriteLine($"errors (non-200 answers): {failures}");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<Round> RunOnceAsync(DatabaseProvider engine, bool quick)
    {
        var work = Directory.CreateTempSubdirectory("heyho-engines-");
        try
        {
            double raw;
            using (var database = DatabaseUnderTest.Create(engine, Path.Combine(work.FullName, "raw.db")))
            {
                raw = await RawBaseline.RunAsync(database, quick ? 10 : 30);
            }

            using var api = DatabaseUnderTest.Create(engine, Path.Combine(work.FullName, "api.db"));
            using var process = ApiProcess.Start(work.FullName, new Dictionary<string, string>(api.Environment));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            await process.WaitUntilReadyAsync(http);

            var ingest = new Dictionary<int, (double, double, double, int)>();
            foreach (var (concurrency, batches) in new[] { (1, quick ? 10 : 30), (4, quick ? 16 : 48), (8, quick ? 16 : 48) })
            {
                var users = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Users.SignInAsync(http, $"{engine}-c{concurrency}-{i}")));
                var warmUp = Enumerable.Range(0, concurrency == 1 ? 40 : 10).Select(b => Scenarios.Batches.Json($"warm{concurrency}", b)).ToArray();
                await Load.RunCountAsync(http, concurrency, i => Scenarios.Send(http, users[i % concurrency], warmUp[i]), warmUp.Length);
                var bodies = Enumerable.Range(0, batches).Select(b => Scenarios.Batches.Json($"c{concurrency}", b)).ToArray();
                var result = await Load.RunCountAsync(http, concurrency, i => Scenarios.Send(http, users[i % concurrency], bodies[i]), batches);
                ingest[concurrency] = (result.Requests * Scenarios.BatchSize / result.Elapsed.TotalSeconds, result.P(0.50), result.P(0.99), result.Errors);
            }

            // Many small syncs, one user per worker, concurrency 8: the per-request cost (token, user check,
            // transaction, receipt) rather than the per-record cost.
            var smallUsers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Users.SignInAsync(http, $"{engine}-small-{i}")));
            var smallCount = quick ? 400 : 1600;
            var small = Enumerable.Range(0, smallCount + 80).Select(b => Scenarios.Batches.Json("small", b, SmallBatch)).ToArray();
            await Load.RunCountAsync(http, 8, i => Scenarios.Send(http, smallUsers[i % 8], small[smallCount + i]), 80);
            var smallResult = await Load.RunCountAsync(http, 8, i => Scenarios.Send(http, smallUsers[i % 8], small[i]), smallCount);
            return new Round(raw, ingest, (smallResult.Requests / smallResult.Elapsed.TotalSeconds, smallResult.P(0.50), smallResult.P(0.99), smallResult.Errors),
                process.PeakWorkingSetMb());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<string> Show(NpgsqlConnection connection, string setting)
    {
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
    }
}
