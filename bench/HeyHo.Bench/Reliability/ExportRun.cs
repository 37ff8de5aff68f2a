using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace HeyHo.Bench.Reliability;

/// <summary>
/// The NDJSON export streams: exports of 20,000 and of 200,000 records are read while the server's working set is
/// sampled; constant memory means the larger export does not raise the peak.
/// </summary>
public static class ExportRun
{
    public static async Task<int> RunAsync(int records, Action<string> log)
    {
        var work = Directory.CreateTempSubdirectory("heyho-export-");
        try
        {
            using var api = ApiProcess.Start(work.FullName);
            using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
            await api.WaitUntilReadyAsync(http);

            var small = await Users.SignInAsync(http, "export-small");
            var large = await Users.SignInAsync(http, "export-large");
            log($"storing {records / 10} and {records} records…");
            await Fill(http, small, records / 10);
            await Fill(http, large, records);

            log("| export | records | lines | MB streamed | seconds | server working set before → peak during (MB) |");
            log("|---|---|---|---|---|---|");
            var ok = true;
            foreach (var (name, token, count) in new[] { ("small", small, records / 10), ("large", large, records) })
            {
                var before = api.WorkingSetMb();
                var peak = before;
                using var done = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    while (!done.IsCancellationRequested)
                    {
                        peak = Math.Max(peak, api.WorkingSetMb());
                        await Task.Delay(20);
                    }
                });
                var watch = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account/export");
                request.Headers.Authorization = new("Bearer", token);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                using var reader = new StreamReader(stream, Encoding.UTF8);
                long lines = 0, chars = 0, visits = 0;
                while (await reader.ReadLineAsync() is { } line)
                {
                    lines++;
                    chars += line.Length + 1;
                    if (line.StartsWith("{\"kind\":\"pageVisit\"", StringComparison.Ordinal))
                    {
                        visits++;
                    }
                }
                await done.CancelAsync();
                await sampler;
                ok &= visits == count;
                log($"| {name} | {count} | {lines} | {chars / 1048576.0:F0} | {watch.Elapsed.TotalSeconds:F1} | {before:F0} → {peak:F0} |");
            }
            return ok ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static async Task Fill(HttpClient http, string token, int records)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        for (var offset = 0; offset < records; offset += 1000)
        {
            var visits = new JsonArray(Enumerable.Range(offset, Math.Min(1000, records - offset)).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = $"pv_{i}", ["url"] = $"https://export.example.org/{i}", ["title"] = $"Page {i}", ["startedAt"] = start + (i * 1000L),
                ["endedAt"] = start + (i * 1000L) + 500, ["duration"] = 500, ["metadata"] = new JsonObject { ["description"] = "exported" },
            }).ToArray());
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/data/sync")
            {
                Content = new StringContent(new JsonObject { ["anonymousClientId"] = "export", ["pageVisits"] = visits }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }
}
