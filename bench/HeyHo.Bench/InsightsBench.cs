using System.Diagnostics;
using System.Text.Json.Nodes;
using HeyHo.Api.Data;

namespace HeyHo.Bench;

/// <summary>
/// The insights endpoints over a year of one user's history (about 110,000 page visits, 300 a day, and their tab
/// aggregates) loaded through POST /api/v1/data/sync: each call at concurrency 1, after a warm-up, p50 and p99.
/// SQLite, then PostgreSQL when HEYHO_TEST_POSTGRES names a server.
/// </summary>
internal static class InsightsBench
{
    private const string Zone = "Europe/Berlin";
    private const string Client = "anon-insights";
    private const int VisitsPerDay = 300;
    private const int Days = 365;
    private const int Domains = 400;

    public static async Task<int> RunAsync(bool quick)
    {
        var (requests, warmUp) = quick ? (40, 10) : (200, 30);
        Console.WriteLine($"# HeyHo insights ({requests} requests per call after {warmUp} to warm up, concurrency 1) {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        var (visits, tabs) = History(DateTimeOffset.UtcNow);
        Console.WriteLine($"history: {visits.Count} page visits and {tabs.Count} tab aggregates over {Days} days, {Domains} domains, zone {Zone}");

        var engines = new List<DatabaseProvider> { DatabaseProvider.Sqlite };
        if (Postgres.Server is not null)
        {
            engines.Add(DatabaseProvider.Postgres);
        }
        else
        {
            Console.WriteLine($"{Postgres.ServerVariable} is not set: SQLite only.");
        }

        var errors = 0;
        foreach (var engine in engines)
        {
            errors += await RunOnceAsync(engine, visits, tabs, requests, warmUp);
        }
        Console.WriteLine($"errors (non-2xx answers): {errors}");
        return errors == 0 ? 0 : 1;
    }

    private static async Task<int> RunOnceAsync(DatabaseProvider engine, List<JsonObject> visits, List<JsonObject> tabs, int requests, int warmUp)
    {
        var work = Directory.CreateTempSubdirectory("heyho-insights-");
        try
        {
            using var database = DatabaseUnderTest.Create(engine, Path.Combine(work.FullName, "api.db"));
            using var api = ApiProcess.Start(work.FullName, new Dictionary<string, string>(database.Environment));
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
            await api.WaitUntilReadyAsync(http);
            var token = await Users.SignInAsync(http, $"insights-{engine}");

            var load = Stopwatch.StartNew();
            var errors = 0;
            foreach (var (records, kind) in new[] { (visits, "pageVisits"), (tabs, "tabAggregates") })
            {
                foreach (var chunk in records.Chunk(1000))
                {
                    var body = new JsonObject
                    {
                        ["anonymousClientId"] = Client,
                        ["pageVisits"] = new JsonArray(kind == "pageVisits" ? [.. chunk.Select(r => r.DeepClone())] : []),
                        ["tabAggregates"] = new JsonArray(kind == "tabAggregates" ? [.. chunk.Select(r => r.DeepClone())] : []),
                    };
                    using var response = await Scenarios.Send(http, token, body.ToJsonString());
                    errors += response.IsSuccessStatusCode ? 0 : 1;
                }
            }
            Console.WriteLine($"\n## {engine}: history loaded through the sync endpoint in {load.Elapsed.TotalSeconds:F0} s");
            Console.WriteLine("| call | range | p50 ms | p99 ms | max ms | errors |");
            Console.WriteLine("|---|---|---|---|---|---|");

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(Zone)).DateTime);
            var ranges = new (string Name, string Query)[]
            {
                ("7 days (default)", $"tz={Zone}"),
                ("30 days", $"tz={Zone}&from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
                ("365 days", $"tz={Zone}&from={today.AddDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}"),
            };
            var calls = new List<(string Call, string Range, string Url)>();
            foreach (var call in new[] { "summary", "daily", "hours", "domains" })
            {
                calls.AddRange(ranges.Select(r => (call, r.Name, $"/api/v1/insights/{call}?{r.Query}")));
            }
            calls.Add(("recent", ranges[0].Name, $"/api/v1/insights/recent?{ranges[0].Query}"));

            foreach (var (call, range, url) in calls)
            {
                await Load.RunCountAsync(http, 1, _ => Get(http, token, url), warmUp);
                var result = await Load.RunCountAsync(http, 1, _ => Get(http, token, url), requests);
                errors += result.Errors;
                Console.WriteLine($"| {call} | {range} | {result.P(0.50):F1} | {result.P(0.99):F1} | {result.LatenciesMs.Max():F1} | {result.Errors} |");
            }
            Console.WriteLine($"API peak working set (VmHWM): {api.PeakWorkingSetMb():F0} MB");
            return errors;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static Task<HttpResponseMessage> Get(HttpClient http, string token, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(request);
    }

    /// <summary>
    /// A year up to now: each day 300 visits from about 08:00 local time on, in 20 tabs, on 400 domains of which a few
    /// take most visits; durations mostly seconds, some minutes, a few most of an hour. Every tab gets its aggregate
    /// (overlapped by its visits, so its time does not count again), and two tabs a day only an aggregate.
    /// </summary>
    private static (List<JsonObject> Visits, List<JsonObject> Tabs) History(DateTimeOffset now)
    {
        var random = new Random(13);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var visits = new List<JsonObject>(Days * VisitsPerDay);
        var tabs = new List<JsonObject>();
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Days);
        for (var day = 0; day < Days; day++)
        {
            var morning = new DateTimeOffset(firstDay.AddDays(day).ToDateTime(new TimeOnly(8, 0)), zone.GetUtcOffset(firstDay.AddDays(day).ToDateTime(new TimeOnly(8, 0)))).ToUnixTimeMilliseconds();
            var perTab = new Dictionary<int, (long Start, long End, Dictionary<string, long> Domains)>();
            var at = morning;
            for (var n = 0; n < VisitsPerDay; n++)
            {
                at += random.Next(30_000, 330_000);
                var duration = random.NextDouble() switch
                {
                    < 0.6 => random.Next(5_000, 60_000),
                    < 0.9 => random.Next(60_000, 600_000),
                    _ => random.Next(600_000, 2_700_000),
                };
                var active = (long)(duration * (0.3 + (0.7 * random.NextDouble())));
                var domain = $"site{(int)(Domains * Math.Pow(random.NextDouble(), 3))}.example.com";
                var tab = (day * 100) + random.Next(1, 21);
                var id = $"pv_{at}_{tab}";
                visits.Add(new JsonObject
                {
                    ["visitId"] = id, ["id"] = id, ["tabId"] = tab, ["url"] = $"https://{domain}/page/{n}?ref=bench", ["domain"] = domain,
                    ["startedAt"] = at, ["timestamp"] = at, ["endedAt"] = at + duration, ["durationSeconds"] = duration / 1000,
                    ["duration"] = duration, ["isActive"] = false, ["activeDuration"] = active, ["idlePeriods"] = new JsonArray(),
                    ["engagementRate"] = Math.Round((double)active / duration, 3), ["lastHeartbeat"] = at + active, ["category"] = null,
                    ["categoryConfidence"] = 0, ["categoryMethod"] = null, ["metadata"] = new JsonObject { ["description"] = $"page {n}" },
                    ["title"] = $"Page {n} of {domain}", ["anonymousClientId"] = Client, ["closedAt"] = null,
                });
                var (start, end, domains) = perTab.TryGetValue(tab, out var t) ? t : (at, at, new Dictionary<string, long>());
                domains[domain] = domains.GetValueOrDefault(domain) + active;
                perTab[tab] = (Math.Min(start, at), Math.Max(end, at + duration), domains);
            }
            foreach (var (tab, (start, end, domains)) in perTab)
            {
                tabs.Add(Aggregate(tab, start, end, domains));
            }
            for (var extra = 21; extra <= 22; extra++)
            {
                var start = morning + random.Next(0, 12 * 3_600_000);
                tabs.Add(Aggregate((day * 100) + extra, start, start + 1_800_000, new() { [$"site{random.Next(Domains)}.example.com"] = random.Next(60_000, 1_500_000) }));
            }
        }
        return (visits, tabs);
    }

    private static JsonObject Aggregate(int tab, long start, long end, Dictionary<string, long> domains) => new()
    {
        ["tabId"] = tab, ["startTime"] = start, ["lastActiveTime"] = end, ["totalActiveDuration"] = domains.Values.Sum(),
        ["domainDurations"] = new JsonObject(domains.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value))),
        ["pageCount"] = domains.Count, ["currentUrl"] = null, ["currentDomain"] = null, ["statistics"] = new JsonObject(),
        ["anonymousClientId"] = Client,
    };
}
