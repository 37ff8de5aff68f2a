using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace HeyHo.Bench.Reliability;

/// <summary>
/// Mixed load: simulated extensions log in, refresh, sync and read at once for a fixed time, with one of them
/// sending 5 MiB bodies and another paging through 1000 pages; then every acknowledged record is looked up.
/// </summary>
public static class MixedLoad
{
    private sealed class Stats
    {
        public ConcurrentBag<double> Latencies { get; } = [];
        public ConcurrentDictionary<int, int> Statuses { get; } = new();

        public void Add(double ms, HttpStatusCode status)
        {
            Latencies.Add(ms);
            Statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
        }
    }

    public static async Task<int> RunAsync(int seconds, int extensions, Action<string> log)
    {
        var work = Directory.CreateTempSubdirectory("heyho-mixed-");
        try
        {
            using var api = ApiProcess.Start(work.FullName);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
            await api.WaitUntilReadyAsync(http);

            log($"signing up {extensions} extensions…");
            var users = new List<(string Id, string Email, string Access, string Refresh)>();
            foreach (var i in Enumerable.Range(0, extensions))
            {
                var email = $"ext{i}@mixed.example";
                using var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Users.Password });
                var id = (await register.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
                var tokens = await Tokens(await Users.PasswordGrant(http, email, Users.Password));
                users.Add((id, email, tokens.Access, tokens.Refresh));
            }

            var stats = new ConcurrentDictionary<string, Stats>();
            var acknowledged = new ConcurrentDictionary<(string User, string Id), byte>();
            var peakMb = 0.0;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peakMb = Math.Max(peakMb, api.WorkingSetMb());
                    await Task.Delay(200);
                }
            });

            async Task<HttpResponseMessage> Timed(string endpoint, Func<Task<HttpResponseMessage>> send)
            {
                var watch = Stopwatch.StartNew();
                var response = await send();
                await response.Content.LoadIntoBufferAsync();
                stats.GetOrAdd(endpoint, _ => new Stats()).Add(watch.Elapsed.TotalMilliseconds, response.StatusCode);
                return response;
            }

            var started = Stopwatch.StartNew();
            await Task.WhenAll(users.Select((user, index) => Task.Run(async () =>
            {
                var random = new Random(index);
                var (access, refresh) = (user.Access, user.Refresh);
                var batch = 0;
                var mine = new List<string>();
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var roll = random.Next(100);
                        if (index == 0 && batch % 5 == 0)
                        {
                            // the 5 MiB-class body: 1000 records with ~5 KB of metadata each
                            var ids = Enumerable.Range(0, 1000).Select(r => $"big{batch}-{r}").ToArray();
                            using var response = await Timed("sync (5 MiB)", () => Sync(http, access, ids, 4900));
                            Acknowledge(response, user.Id, ids);
                            batch++;
                        }
                        else if (index == 1 && roll < 2)
                        {
                            await Timed("read 1000 pages", () => ReadPages(http, access, 1000));
                        }
                        else if (roll < 50)
                        {
                            var ids = Enumerable.Range(0, 100).Select(r => $"b{batch}-{r}").Concat(mine.OrderBy(_ => random.Next()).Take(20)).ToArray();
                            using var response = await Timed("sync", () => Sync(http, access, ids, 60));
                            if (Acknowledge(response, user.Id, ids))
                            {
                                mine.AddRange(ids.Take(100));
                                batch++;
                            }
                        }
                        else if (roll < 85)
                        {
                            using var response = await Timed("read page", () => Get(http, access, "/api/v1/data/page-visits?limit=100"));
                        }
                        else if (roll < 97)
                        {
                            using var response = await Timed("refresh", () => http.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(
                                new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = "heyho-extension", ["refresh_token"] = refresh })));
                            if (response.IsSuccessStatusCode)
                            {
                                (access, refresh) = await Tokens(response);
                            }
                        }
                        else
                        {
                            using var response = await Timed("login", () => Users.PasswordGrant(http, user.Email, Users.Password));
                            if (response.IsSuccessStatusCode)
                            {
                                (access, refresh) = await Tokens(response);
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        stats.GetOrAdd("transport errors", _ => new Stats()).Add(0, 0);
                    }
                }
            })));
            var elapsed = started.Elapsed;
            await sampler;
            peakMb = Math.Max(peakMb, api.PeakWorkingSetMb());

            bool Acknowledge(HttpResponseMessage response, string userId, string[] ids)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
                foreach (var id in ids)
                {
                    acknowledged.TryAdd((userId, id), 0);
                }
                return true;
            }

            api.Kill();
            var missing = CountMissing(api.DatabasePath, acknowledged.Keys);
            var total = stats.Values.Sum(s => s.Latencies.Count);
            log($"\n## Mixed load: {extensions} extensions, {elapsed.TotalSeconds:F0} s");
            log($"requests: {total} ({total / elapsed.TotalSeconds:F0}/s)");
            log("| endpoint | requests | per s | p50 ms | p95 ms | p99 ms | statuses |");
            log("|---|---|---|---|---|---|---|");
            foreach (var (name, s) in stats.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                var sorted = s.Latencies.Order().ToArray();
                double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
                log($"| {name} | {sorted.Length} | {sorted.Length / elapsed.TotalSeconds:F1} | {P(0.5):F1} | {P(0.95):F1} | {P(0.99):F1} | " +
                    string.Join(", ", s.Statuses.OrderBy(x => x.Key).Select(x => $"{x.Key}: {x.Value}")) + " |");
            }
            var serverErrors = stats.Values.Sum(s => s.Statuses.Where(x => x.Key >= 500).Sum(x => x.Value));
            log($"acknowledged records: {acknowledged.Count}, missing from the database: {missing}; 5xx: {serverErrors}");
            log($"peak server working set: {peakMb:F0} MB");
            return missing == 0 && serverErrors == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static int CountMissing(string database, ICollection<(string User, string Id)> acknowledged)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        var stored = new HashSet<(string, string)>();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT UserId, Id FROM PageVisits";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            stored.Add((reader.GetString(0), reader.GetString(1)));
        }
        return acknowledged.Count(a => !stored.Contains(a));
    }

    private static async Task<(string Access, string Refresh)> Tokens(HttpResponseMessage response)
    {
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (json["access_token"]!.GetValue<string>(), json["refresh_token"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> Get(HttpClient http, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(request);
    }

    /// <summary>Pages through the caller's visits with the cursor, <paramref name="pages"/> pages of 10 at most.</summary>
    private static async Task<HttpResponseMessage> ReadPages(HttpClient http, string token, int pages)
    {
        HttpResponseMessage last = null!;
        string? cursor = null;
        for (var page = 0; page < pages; page++)
        {
            last?.Dispose();
            last = await Get(http, token, "/api/v1/data/page-visits?limit=10" + (cursor is null ? "" : $"&cursor={cursor}"));
            if (!last.IsSuccessStatusCode)
            {
                break;
            }
            cursor = (await last.Content.ReadFromJsonAsync<JsonObject>())!["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }
        return last;
    }

    private static Task<HttpResponseMessage> Sync(HttpClient http, string token, string[] ids, int metadataChars)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        var padding = new string('m', metadataChars);
        var visits = new JsonArray(ids.Select((id, i) => (JsonNode)new JsonObject
        {
            ["id"] = id, ["url"] = $"https://mixed.example.org/{id}", ["title"] = "Mixed load", ["startedAt"] = start + (i * 1000),
            ["endedAt"] = start + (i * 1000) + 500, ["duration"] = 500, ["metadata"] = new JsonObject { ["description"] = padding },
        }).ToArray());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/data/sync")
        {
            Content = new StringContent(new JsonObject { ["anonymousClientId"] = "mixed", ["pageVisits"] = visits }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(request);
    }
}
