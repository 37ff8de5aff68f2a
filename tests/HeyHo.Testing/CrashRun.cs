using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace HeyHo.Testing;

/// <summary>
/// Crash consistency: several clients stream batches (fresh records and re-sends of acknowledged ones, as the
/// extension does after a failure) while the API process is killed with SIGKILL at random moments and restarted.
/// Afterwards the database (SQLite file, or PostgreSQL when HEYHO_TEST_PROVIDER says so) must hold every record that
/// was acknowledged with a 200, exactly once; every batch must be stored whole or not at all; and SQLite's
/// PRAGMA integrity_check must say ok.
/// </summary>
public static class CrashRun
{
    private const int FreshPerBatch = 40;

    public static async Task<CrashReport> RunAsync(int kills, int clients, Action<string> log, int seed = 1)
    {
        var work = Directory.CreateTempSubdirectory("heyho-crash-");
        var random = new Random(seed);
        try
        {
            using var database = DatabaseUnderTest.Create(DatabaseUnderTest.RunProvider, Path.Combine(work.FullName, "api.db"));
            using var api = ApiProcess.Start(work.FullName, new Dictionary<string, string>(database.Environment));
            using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            await api.WaitUntilReadyAsync(http);

            var users = new List<(string Id, string Token)>();
            for (var c = 0; c < clients; c++)
            {
                users.Add(await SignUpAsync(http, $"crash{c}@reliability.example"));
            }

            var acknowledged = new ConcurrentDictionary<string, (string User, string[] Ids)>(); // batch → its fresh ids
            var attempted = new ConcurrentDictionary<string, (string User, string[] Ids)>();
            int serverErrors = 0, unavailable = 0, connectionFailures = 0;
            using var stop = new CancellationTokenSource();

            var writers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                var (userId, token) = users[c];
                var clientRandom = new Random(seed * 100 + c);
                var batch = 0;
                string[]? pending = null; // a batch not yet acknowledged is sent again, like the extension does
                while (!stop.IsCancellationRequested)
                {
                    var name = $"c{c}-b{batch}";
                    pending ??= Enumerable.Range(0, FreshPerBatch).Select(r => $"{name}-r{r}").ToArray();
                    attempted[name] = (userId, pending);
                    var resend = acknowledged.Values.Where(a => a.User == userId).Select(a => a.Ids)
                        .OrderBy(_ => clientRandom.Next()).FirstOrDefault() ?? [];
                    try
                    {
                        using var response = await PostAsync(http, token, pending.Concat(resend.Take(30)), batch);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged[name] = (userId, pending);
                            pending = null;
                            batch++;
                        }
                        else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                        {
                            Interlocked.Increment(ref unavailable);
                        }
                        else if ((int)response.StatusCode >= 500)
                        {
                            Interlocked.Increment(ref serverErrors);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Interlocked.Increment(ref connectionFailures);
                        await Task.Delay(50);
                    }
                }
            })).ToList();

            for (var k = 1; k <= kills; k++)
            {
                await Task.Delay(random.Next(300, 1500));
                api.Kill();
                log($"kill {k}: {acknowledged.Count} batches acknowledged so far");
                if (k < kills)
                {
                    api.Restart();
                    await api.WaitUntilReadyAsync(http);
                }
            }
            // The last kill hit requests in flight; the file is checked as that crash left it.
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            return Check(database, kills, acknowledged, attempted, serverErrors, unavailable, connectionFailures);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static CrashReport Check(
        DatabaseUnderTest database, int kills, ConcurrentDictionary<string, (string User, string[] Ids)> acknowledged,
        ConcurrentDictionary<string, (string User, string[] Ids)> attempted, int serverErrors, int unavailable, int connectionFailures)
    {
        var integrity = database.IntegrityCheck();
        using var connection = database.Open();
        var stored = new Dictionary<(string, string), int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT \"UserId\", \"Id\", COUNT(*) FROM \"PageVisits\" GROUP BY \"UserId\", \"Id\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                stored[(reader.GetString(0), reader.GetString(1))] = Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        var duplicates = stored.Values.Count(n => n > 1) + (int)(database.Count("SELECT COUNT(*) FROM \"PageVisits\"") - stored.Values.Sum());
        var missing = acknowledged.Values.Sum(b => b.Ids.Count(id => !stored.ContainsKey((b.User, id))));
        var halfStored = attempted.Values.Count(b =>
        {
            var present = b.Ids.Count(id => stored.ContainsKey((b.User, id)));
            return present != 0 && present != b.Ids.Length;
        });
        return new CrashReport(kills, acknowledged.Count, acknowledged.Values.Sum(b => b.Ids.Length), attempted.Count, missing, duplicates,
            halfStored, integrity, serverErrors, unavailable, connectionFailures);
    }

    private static async Task<(string Id, string Token)> SignUpAsync(HttpClient http, string email)
    {
        using var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Users.Password });
        var id = (await register.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        return (id, await Users.SignInAsync(http, email.Split('@')[0].Replace("@", "", StringComparison.Ordinal), email));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string token, IEnumerable<string> ids, int batch)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        var visits = new JsonArray(ids.Select((id, i) => (JsonNode)new JsonObject
        {
            ["id"] = id, ["url"] = $"https://crash.example.org/{id}", ["title"] = $"Batch {batch}",
            ["startedAt"] = start + i, ["endedAt"] = start + i + 1000, ["duration"] = 1000,
        }).ToArray());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/data/sync")
        {
            Content = new StringContent(new JsonObject { ["anonymousClientId"] = "crash", ["pageVisits"] = visits }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        return http.SendAsync(request);
    }
}
