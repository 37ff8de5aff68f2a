using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

/// <summary>Records shaped exactly like the extension's, and the request that carries them.</summary>
public static class SyncData
{
    public const string ClientId = "anon-test-0001";
    public static readonly long BaseTime = new DateTimeOffset(2025, 11, 24, 16, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static string SampleBatch =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Sync", "Samples", "extension-sync-batch.json"));

    public static JsonObject Visit(int n, string? id = null, long? startedAt = null)
    {
        var start = startedAt ?? BaseTime + (n * 60_000L);
        id ??= $"pv_{start}_{n}";
        return new JsonObject
        {
            ["visitId"] = id,
            ["id"] = id,
            ["tabId"] = n,
            ["url"] = $"https://site{n % 7}.example.org/path/{n}",
            ["domain"] = $"site{n % 7}.example.org",
            ["startedAt"] = start,
            ["timestamp"] = start,
            ["endedAt"] = start + 45_000,
            ["durationSeconds"] = 45,
            ["duration"] = 45_000,
            ["isActive"] = false,
            ["activeDuration"] = 30_000,
            ["idlePeriods"] = new JsonArray(),
            ["engagementRate"] = 0.66,
            ["lastHeartbeat"] = start + 30_000,
            ["category"] = null,
            ["categoryConfidence"] = 0,
            ["categoryMethod"] = null,
            ["metadata"] = new JsonObject { ["description"] = $"page {n}" },
            ["title"] = $"Title {n}",
            ["anonymousClientId"] = ClientId,
            ["closedAt"] = null,
            ["synced"] = false,
            ["syncStatus"] = "pending",
        };
    }

    public static JsonObject Aggregate(int tabId, long? startTime = null, long activeFor = 42_000)
    {
        var start = startTime ?? BaseTime + (tabId * 3_600_000L);
        return new JsonObject
        {
            ["tabId"] = tabId,
            ["startTime"] = start,
            ["lastActiveTime"] = start + activeFor,
            ["totalActiveDuration"] = activeFor,
            ["domainDurations"] = new JsonObject { ["docs.example.net"] = activeFor },
            ["pageCount"] = 2,
            ["currentUrl"] = "https://docs.example.net/a",
            ["currentDomain"] = "docs.example.net",
            ["statistics"] = new JsonObject { ["mostVisitedDomain"] = "docs.example.net", ["averagePageDuration"] = 21_000 },
            ["anonymousClientId"] = ClientId,
            ["synced"] = false,
        };
    }

    public static JsonObject Batch(IEnumerable<JsonNode>? visits = null, IEnumerable<JsonNode>? aggregates = null) => new()
    {
        ["anonymousClientId"] = ClientId,
        ["pageVisits"] = new JsonArray((visits ?? []).Select(v => v.DeepClone()).ToArray()),
        ["tabAggregates"] = new JsonArray((aggregates ?? []).Select(a => a.DeepClone()).ToArray()),
    };

    /// <summary>Stands for a lone surrogate in generated JSON (System.Text.Json cannot write one); see <see cref="WithLoneSurrogates"/>.</summary>
    public const string LoneSurrogate = "@@LONE@@";

    /// <summary>The body as JSON.stringify writes it when a string holds half of a UTF-16 pair: an escape such as \ud800.</summary>
    public static string WithLoneSurrogates(this JsonNode body) => body.ToJsonString().Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal);

    /// <summary>Objects nested <paramref name="depth"/> levels deep: {"d":{"d":…1}}.</summary>
    public static JsonNode Nested(int depth) => depth == 0 ? JsonValue.Create(1) : new JsonObject { ["d"] = Nested(depth - 1) };

    public static JsonObject Visits(int count, int first = 0) => Batch(Enumerable.Range(first, count).Select(n => Visit(n)));

    public static Task<HttpResponseMessage> SyncAsync(this HttpClient client, JsonNode body) =>
        client.SyncAsync(body.ToJsonString());

    public static Task<HttpResponseMessage> SyncAsync(this HttpClient client, string body, string contentType = "application/json") =>
        client.PostAsync("/api/v1/data/sync", new StringContent(body, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType)));

    /// <summary>Every item of a read-back list, following its cursors page by page.</summary>
    public static async Task<List<JsonObject>> ReadAllAsync(this HttpClient client, string path, int limit)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var url = $"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await client.GetAsync(url)).ReadJsonAsync();
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }
}
