using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Data;

namespace HeyHo.Bench;

/// <summary>
/// Sync while the retention sweep deletes: a user holds 100,000 expired page visits; other users send fresh
/// 1000-record batches at concurrency 4, alone and then while the sweep (started by giving that user a retention
/// of 30 days) deletes those rows batch by batch. The sweep runs every second here, so it starts at once; it is
/// over when the user's record count reaches 0. SQLite, and PostgreSQL when HEYHO_TEST_POSTGRES is set; rounds
/// alternate alone and during, and every figure is the median over the rounds.
/// </summary>
internal static class RetentionBench
{
    private const int ExpiredRows = 100_000;
    private const int Concurrency = 4;
    private static readonly long Aged = (long)TimeSpan.FromDays(400).TotalMilliseconds;

    private sealed record Round(LoadResult Alone, LoadResult During, TimeSpan Sweep, TimeSpan SweepUnloaded);

    public static async Task<int> RunAsync(int rounds, int batchSize, bool quick)
    {
        Console.WriteLine($"# HeyHo retention sweep vs sync ({rounds} rounds, Privacy:RetentionBatchSize={batchSize}{(quick ? ", quick" : "")}) {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        var engines = Postgres.Server is null ? new[] { DatabaseProvider.Sqlite } : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
        Console.WriteLine("| engine | sync alone: records/s, p50 / p99 ms | during the sweep: records/s, p50 / p99 ms | p99 during / alone | batches during | sweep of 100,000 rows under load / unloaded, s | errors |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var errors = 0;
        foreach (var engine in engines)
        {
            var results = await RunEngineAsync(engine, rounds, batchSize, quick);
            double M(Func<Round, double> f) => Median(results.Select(f));
            errors += results.Sum(r => r.Alone.Errors + r.During.Errors);
            Console.WriteLine($"| {engine} | {M(r => Rate(r.Alone)):F0}, {M(r => r.Alone.P(0.50)):F1} / {M(r => r.Alone.P(0.99)):F1} " +
                              $"| {M(r => Rate(r.During)):F0}, {M(r => r.During.P(0.50)):F1} / {M(r => r.During.P(0.99)):F1} " +
                              $"| **{M(r => r.During.P(0.99) / r.Alone.P(0.99)):F2}** | {M(r => r.During.Requests):F0} " +
                              $"| {M(r => r.Sweep.TotalSeconds):F1} / {M(r => r.SweepUnloaded.TotalSeconds):F1} | {results.Sum(r => r.Alone.Errors + r.During.Errors)} |");
        }
        return errors == 0 ? 0 : 1;
    }

    private static async Task<List<Round>> RunEngineAsync(DatabaseProvider engine, int rounds, int batchSize, bool quick)
    {
        var work = Directory.CreateTempSubdirectory("heyho-retention-");
        try
        {
            using var database = DatabaseUnderTest.Create(engine, Path.Combine(work.FullName, "api.db"));
            using var process = ApiProcess.Start(work.FullName, new Dictionary<string, string>(database.Environment)
            {
                ["Privacy__RetentionSweepInterval"] = "00:00:01",
                ["Privacy__RetentionBatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            await process.WaitUntilReadyAsync(http);

            var syncers = await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(i => Users.SignInAsync(http, $"retention-{engine}-sync{i}")));
            var sent = 0;
            string Next() => Scenarios.Batches.Json($"r{engine}", Interlocked.Increment(ref sent));
            await Load.RunCountAsync(http, Concurrency, i => Scenarios.Send(http, syncers[i % Concurrency], Next()), 40); // warm-up

            // The sweep alone, once: how long 100,000 rows take without load.
            var unloaded = await SweepAsync(http, $"retention-{engine}-unloaded", _ => Task.CompletedTask);

            var results = new List<Round>();
            var alone = quick ? 60 : 150;
            for (var round = 0; round < rounds; round++)
            {
                var aloneResult = await Load.RunCountAsync(http, Concurrency, i => Scenarios.Send(http, syncers[i % Concurrency], Next()), alone);
                LoadResult? during = null;
                var sweep = await SweepAsync(http, $"retention-{engine}-{round}", async stop =>
                    during = await UntilAsync(() => Scenarios.Send(http, syncers[Random.Shared.Next(Concurrency)], Next()), stop));
                results.Add(new Round(aloneResult, during!, sweep, unloaded));
                Console.Error.WriteLine($"{engine} round {round + 1}: alone p99 {aloneResult.P(0.99):F1} ms, during p99 {during!.P(0.99):F1} ms " +
                                        $"({during.Requests} batches), sweep {sweep.TotalSeconds:F1} s");
            }
            return results;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Seeds a user with 100,000 page visits 400 days old and gives them a retention of 30 days; from the moment the
    /// sweep has begun (their count drops) until it has deleted them all, runs <paramref name="load"/>. Returns that time.
    /// </summary>
    private static async Task<TimeSpan> SweepAsync(HttpClient http, string name, Func<CancellationToken, Task> load)
    {
        var token = await Users.SignInAsync(http, name);
        var seed = Enumerable.Range(0, ExpiredRows / Scenarios.BatchSize).Select(b => Expired(Scenarios.Batches.Json(name, b))).ToArray();
        var seeded = await Load.RunCountAsync(http, Concurrency, i => Scenarios.Send(http, token, seed[i]), seed.Length);
        if (seeded.Errors > 0 || await CountAsync(http, token) != ExpiredRows)
        {
            throw new InvalidOperationException($"seeding {name} failed");
        }

        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/account/privacy")
        {
            Content = JsonContent.Create(new { excludedDomains = Array.Empty<string>(), stripQueryStrings = false, retentionDays = 30 }),
        })
        {
            put.Headers.Authorization = new("Bearer", token);
            (await http.SendAsync(put)).EnsureSuccessStatusCode();
        }
        while (await CountAsync(http, token) == ExpiredRows)
        {
            await Task.Delay(50);
        }

        using var sweeping = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var running = load(sweeping.Token);
        while (await CountAsync(http, token) > 0)
        {
            await Task.Delay(100);
        }
        var elapsed = watch.Elapsed;
        await sweeping.CancelAsync();
        await running;
        return elapsed;
    }

    /// <summary>Keeps <see cref="Concurrency"/> syncs in flight until stopped.</summary>
    private static async Task<LoadResult> UntilAsync(Func<Task<HttpResponseMessage>> send, CancellationToken stop)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                using var response = await send();
                await response.Content.LoadIntoBufferAsync();
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return new LoadResult(latencies.Count, errors, total.Elapsed, [.. latencies]);
    }

    private static async Task<long> CountAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["records"]!["pageVisits"]!.GetValue<long>();
    }

    /// <summary>The batch with every time moved 400 days back.</summary>
    private static string Expired(string batch)
    {
        var body = JsonNode.Parse(batch)!;
        foreach (var visit in body["pageVisits"]!.AsArray())
        {
            foreach (var field in new[] { "startedAt", "timestamp", "endedAt", "lastHeartbeat" })
            {
                visit![field] = visit[field]!.GetValue<long>() - Aged;
            }
        }
        return body.ToJsonString();
    }

    private static double Rate(LoadResult result) => result.Requests * Scenarios.BatchSize / result.Elapsed.TotalSeconds;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
