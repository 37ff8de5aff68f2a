using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Sync;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Bench;

internal static class Scenarios
{
    internal const int BatchSize = 1000;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(bool quick)
    {
        var work = Directory.CreateTempSubdirectory("heyho-bench-");
        Console.WriteLine($"# HeyHo benchmark ({(quick ? "quick" : "full")}) {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        try
        {
            // The ceiling first, in a quiet process: three runs, the median counts.
            var rawRuns = new double[3];
            for (var i = 0; i < rawRuns.Length; i++)
            {
                using var database = DatabaseUnderTest.Create(DatabaseProvider.Sqlite, Path.Combine(work.FullName, $"raw{i}.db"));
                rawRuns[i] = await RawBaseline.RunAsync(database, quick ? 20 : 40);
            }
            Array.Sort(rawRuns);
            var raw = rawRuns[1];

            using var api = ApiProcess.Start(work.FullName);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = api.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            await api.WaitUntilReadyAsync(http);

            Console.WriteLine("\n## Login timing (sequential, median of 15)");
            await LoginTiming(http);

            Console.WriteLine("\n## Sync ingest: POST /api/v1/data/sync, fresh 1000-record batches");
            Console.WriteLine("| concurrency | batches | records/s | p50 ms | p99 ms | errors |");
            Console.WriteLine("|---|---|---|---|---|---|");
            var rates = new Dictionary<int, double>();
            string? readerToken = null;
            foreach (var (concurrency, batches) in new[] { (1, quick ? 15 : 40), (4, quick ? 24 : 60), (8, quick ? 24 : 64) })
            {
                var users = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Users.SignInAsync(http, $"c{concurrency}-{i}")));
                readerToken ??= users[0];
                // Warm-up, not counted: lets the JIT reach its optimised tier (tiered compilation) before timing.
                // Per-request methods are promoted after 30 calls, so the first level warms up longer.
                var warmUp = Enumerable.Range(0, concurrency == 1 ? 40 : 10).Select(b => Batches.Json($"warm{concurrency}", b)).ToArray();
                await Load.RunCountAsync(http, concurrency, i => Send(http, users[i % concurrency], warmUp[i]), warmUp.Length);
                var bodies = Enumerable.Range(0, batches).Select(b => Batches.Json($"c{concurrency}", b)).ToArray();
                var result = await Load.RunCountAsync(http, concurrency, i => Send(http, users[i % concurrency], bodies[i]), batches);
                rates[concurrency] = result.Requests * BatchSize / result.Elapsed.TotalSeconds;
                Console.WriteLine($"| {concurrency} | {batches} | {rates[concurrency]:F0} | {result.P(0.50):F1} | {result.P(0.99):F1} | {result.Errors} |");
            }

            Console.WriteLine("\n## Raw SQLite baseline: the same upsert, prepared, one transaction per 1000 rows, same pragmas");
            Console.WriteLine($"raw upsert: {raw:F0} records/s (median of {string.Join(", ", rawRuns.Select(r => r.ToString("F0", Inv)))})");
            Console.WriteLine($"ratio endpoint/raw: c=1 {rates[1] / raw:F2}, c=4 {rates[4] / raw:F2}, c=8 {rates[8] / raw:F2}");

            Console.WriteLine("\n## Read path: GET /api/v1/data/page-visits?limit=100 vs a bare constant endpoint, concurrency 4");
            using var bare = BareProcess.Start();
            await bare.WaitUntilReadyAsync(http);
            var duration = TimeSpan.FromSeconds(quick ? 5 : 15);
            var reads = await Load.RunForAsync(http, 4, duration, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/data/page-visits?limit=100");
                request.Headers.Authorization = new("Bearer", readerToken);
                return http.SendAsync(request);
            });
            var constant = await Load.RunForAsync(http, 4, duration, () => http.GetAsync(new Uri(bare.BaseAddress, "/constant")));
            Console.WriteLine("| endpoint | requests/s | p50 ms | p99 ms | errors |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine($"| page-visits limit=100 | {reads.Rate:F0} | {reads.P(0.50):F2} | {reads.P(0.99):F2} | {reads.Errors} |");
            Console.WriteLine($"| bare constant | {constant.Rate:F0} | {constant.P(0.50):F2} | {constant.P(0.99):F2} | {constant.Errors} |");
            Console.WriteLine($"ratio read/bare: {reads.Rate / constant.Rate:F2}");

            await PasswordHashing(http, quick);

            Console.WriteLine($"\n## API server memory\npeak working set (VmHWM): {api.PeakWorkingSetMb():F0} MB (GC: {Environment.GetEnvironmentVariable("DOTNET_gcServer") switch { "1" => "server", _ => "workstation (default)" }})");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    public static async Task RawOnly()
    {
        var work = Directory.CreateTempSubdirectory("heyho-raw-");
        for (var i = 0; i < 3; i++)
        {
            using var database = DatabaseUnderTest.Create(DatabaseProvider.Sqlite, Path.Combine(work.FullName, $"raw{i}.db"));
            Console.WriteLine($"raw upsert: {await RawBaseline.RunAsync(database, 40):F0} records/s");
        }
        SqliteConnection.ClearAllPools();
        work.Delete(recursive: true);
    }

    /// <summary>
    /// Password hashing is slow on purpose; the API bounds how many hashes run at once. Measures the bare hash rate,
    /// successful logins per second at concurrency 2, and sync p99 with and without a flood of wrong-password logins.
    /// </summary>
    private static async Task PasswordHashing(HttpClient http, bool quick)
    {
        Console.WriteLine("\n## Password hashing: logins, and sync under a wrong-password flood");
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(
            new Microsoft.AspNetCore.Identity.PasswordHasherOptions { IterationCount = 210_000 }));
        var hash = hasher.HashPassword(new object(), Users.Password);
        double BareRate(int threads)
        {
            var until = Stopwatch.StartNew();
            var count = 0;
            Parallel.For(0, threads, _ =>
            {
                while (until.Elapsed < TimeSpan.FromSeconds(quick ? 3 : 6))
                {
                    hasher.VerifyHashedPassword(new object(), hash, Users.Password);
                    Interlocked.Increment(ref count);
                }
            });
            return count / until.Elapsed.TotalSeconds;
        }
        var bare1 = BareRate(1);
        var bare2 = BareRate(2);

        await Users.SignInAsync(http, "login-rate");
        var logins = await Load.RunForAsync(http, 2, TimeSpan.FromSeconds(quick ? 5 : 10),
            () => Users.PasswordGrant(http, "login-rate@bench.example", Users.Password));
        Console.WriteLine($"bare PBKDF2 verifications/s: {bare1:F1} (1 thread), {bare2:F1} (2 threads)");
        Console.WriteLine($"successful password grants/s at concurrency 2: {logins.Rate:F1} (errors {logins.Errors}); " +
                          $"ratio to bare: {logins.Rate / bare1:F2} (1 thread), {logins.Rate / bare2:F2} (2 threads)");

        var token = await Users.SignInAsync(http, "flood-sync");
        var batches = quick ? 15 : 30;
        var calm = Enumerable.Range(0, batches).Select(b => Batches.Json("calm", b)).ToArray();
        var stormy = Enumerable.Range(0, batches).Select(b => Batches.Json("storm", b)).ToArray();
        var without = await Load.RunCountAsync(http, 1, i => Send(http, token, calm[i]), batches);

        using var stop = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var flood = Task.WhenAll(Enumerable.Range(0, 16).Select(async w =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await Users.PasswordGrant(http, $"victim{w % 4}@bench.example", $"guess {Guid.NewGuid()}");
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            }
        }));
        await Task.Delay(1000);
        var with = await Load.RunCountAsync(http, 1, i => Send(http, token, stormy[i]), batches);
        await stop.CancelAsync();
        await flood;

        Console.WriteLine("| sync, concurrency 1 | p50 ms | p99 ms | errors |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| alone | {without.P(0.50):F1} | {without.P(0.99):F1} | {without.Errors} |");
        Console.WriteLine($"| during a flood of 16 concurrent wrong-password logins | {with.P(0.50):F1} | {with.P(0.99):F1} | {with.Errors} |");
        Console.WriteLine($"p99 with flood / without: {with.P(0.99) / without.P(0.99):F2}; flood answers: " +
                          string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
    }

    internal static Task<HttpResponseMessage> Send(HttpClient http, string token, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/data/sync") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(request);
    }

    private static async Task LoginTiming(HttpClient http)
    {
        await Users.SignInAsync(http, "timing");
        var wrong = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 16; i++)
        {
            wrong.Add(await Users.TimeFailedLoginAsync(http, "timing@bench.example", $"wrong password {i}"));
            unknown.Add(await Users.TimeFailedLoginAsync(http, $"nobody{i}@bench.example", $"wrong password {i}"));
        }
        static double Median(List<double> xs) => xs.Skip(1).Order().ElementAt(7);
        Console.WriteLine($"wrong password: {Median(wrong):F1} ms, unknown email: {Median(unknown):F1} ms, ratio {Median(unknown) / Median(wrong):F2}");
    }

    internal static class Batches
    {
        public static long Start { get; } = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds();

        public static IEnumerable<(string Id, long StartedAt, int N)> Rows(string prefix, int batch, int size = BatchSize) =>
            Enumerable.Range(0, size).Select(n => ($"pv_{prefix}_{batch}_{n}", Start + (((batch * BatchSize) + n) * 1000L), n));

        public static string Json(string prefix, int batch, int size = BatchSize)
        {
            var visits = new JsonArray();
            foreach (var (id, startedAt, n) in Rows(prefix, batch, size))
            {
                visits.Add(new JsonObject
                {
                    ["visitId"] = id, ["id"] = id, ["tabId"] = n % 50, ["url"] = $"https://site{n % 40}.example.org/path/{n}?q={batch}",
                    ["domain"] = $"site{n % 40}.example.org", ["startedAt"] = startedAt, ["timestamp"] = startedAt,
                    ["endedAt"] = startedAt + 45_000, ["durationSeconds"] = 45, ["duration"] = 45_000, ["isActive"] = false,
                    ["activeDuration"] = 30_000, ["idlePeriods"] = new JsonArray(), ["engagementRate"] = 0.66,
                    ["lastHeartbeat"] = startedAt + 30_000, ["category"] = null, ["categoryConfidence"] = 0, ["categoryMethod"] = null,
                    ["metadata"] = new JsonObject { ["description"] = $"page {n}", ["ogType"] = "article" },
                    ["title"] = $"Title {n} – ünïcødé ✓", ["anonymousClientId"] = "anon-bench", ["closedAt"] = null,
                    ["synced"] = false, ["syncedAt"] = null, ["syncStatus"] = "pending",
                });
            }
            return new JsonObject { ["anonymousClientId"] = "anon-bench", ["pageVisits"] = visits, ["tabAggregates"] = new JsonArray() }.ToJsonString();
        }

        public static PageVisitInput Input(string id, long startedAt, int n, int batch) => new()
        {
            Id = id, TabId = n % 50, Url = $"https://site{n % 40}.example.org/path/{n}?q={batch}", Domain = $"site{n % 40}.example.org",
            StartedAt = startedAt, EndedAt = startedAt + 45_000, DurationSeconds = 45, Duration = 45_000, IsActive = false,
            ActiveDuration = 30_000, IdlePeriods = "[]", EngagementRate = 0.66, LastHeartbeat = startedAt + 30_000, CategoryConfidence = 0,
            Metadata = $$"""{"description":"page {{n}}","ogType":"article"}""", Title = $"Title {n} – ünïcødé ✓", AnonymousClientId = "anon-bench",
        };
    }
}
