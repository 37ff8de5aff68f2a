using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

public sealed class ReadBackTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<List<JsonObject>> ReadAll(HttpClient client, string path, int limit)
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

    [Fact]
    public async Task PageVisits_TiesOnTime_AreOrderedByIdCodePointsOnEveryEngine()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        string[] ids = ["B", "a", "_", "Z", "\u00E9", "b10", "b9"];
        await client.SyncAsync(SyncData.Batch(ids.Select((id, n) => SyncData.Visit(n, id: id, startedAt: SyncData.BaseTime))));

        var items = await ReadAll(client, "/api/v1/data/page-visits", 2);

        // Newest first, then id descending by code point – not by a language's rules (where "a" < "B" < "Z").
        Assert.Equal(["\u00E9", "b9", "b10", "a", "_", "Z", "B"], items.Select(i => i["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task PageVisits_NewestFirstByClientTime_PagedWithoutGapsOrRepeats()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        // Arrival order differs from client time order; two visits share one startedAt.
        await client.SyncAsync(SyncData.Batch(Enumerable.Range(0, 120).Reverse().Select(n => SyncData.Visit(n))));
        await client.SyncAsync(SyncData.Batch([SyncData.Visit(500, id: "tie-b", startedAt: SyncData.BaseTime), SyncData.Visit(501, id: "tie-a", startedAt: SyncData.BaseTime)]));

        var items = await ReadAll(client, "/api/v1/data/page-visits", 7);

        Assert.Equal(122, items.Count);
        Assert.Equal(122, items.Select(i => i["id"]!.GetValue<string>()).Distinct().Count());
        var times = items.Select(i => DateTime.Parse(i["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t).ToList(), times);
        Assert.EndsWith("Z", items[0]["startedAt"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageVisits_Filters_ByTimeDomainAndClient()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var other = SyncData.Visit(3);
        other["anonymousClientId"] = "anon-other";
        await client.SyncAsync(SyncData.Batch(Enumerable.Range(0, 14).Select(n => n == 3 ? other : SyncData.Visit(n))));
        var from = DateTimeOffset.FromUnixTimeMilliseconds(SyncData.BaseTime + (5 * 60_000)).ToString("O");
        var to = SyncData.BaseTime + (10 * 60_000);

        var window = await ReadAll(client, $"/api/v1/data/page-visits?from={Uri.EscapeDataString(from)}&to={to}", 100);
        var domain = await ReadAll(client, "/api/v1/data/page-visits?domain=site0.example.org", 100);
        var byClient = await ReadAll(client, "/api/v1/data/page-visits?clientId=anon-other", 100);

        Assert.Equal(["pv_" + (SyncData.BaseTime + (9 * 60_000)) + "_9"], window.Take(1).Select(i => i["id"]!.GetValue<string>()));
        Assert.Equal(5, window.Count);
        Assert.Equal(2, domain.Count); // visits 0 and 7
        Assert.Equal(3, Assert.Single(byClient)["tabId"]!.GetValue<int>());
    }

    [Fact]
    public async Task PageVisits_FirstPage_Snapshot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.SampleBatch);

        var response = await client.GetAsync("/api/v1/data/page-visits?limit=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "receivedAt", "updatedAt");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("from=yesterday")]
    public async Task PageVisits_BadQuery_Is400Problem(string query)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/data/page-visits?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public async Task PageVisits_LimitEdges_AreAccepted(int limit)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Visits(3));

        var page = await (await client.GetAsync($"/api/v1/data/page-visits?limit={limit}")).ReadJsonAsync();

        Assert.Equal(Math.Min(limit, 3), page["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task TabAggregates_PagedNewestFirst_WithIdentityFields()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(aggregates: Enumerable.Range(0, 9).Select(n => SyncData.Aggregate(n % 3, SyncData.BaseTime + ((n / 3) * 1000)))));

        var items = await ReadAll(client, "/api/v1/data/tab-aggregates", 2);

        Assert.Equal(9, items.Count);
        Assert.Equal(9, items.Select(i => $"{i["anonymousClientId"]}|{i["tabId"]}|{i["startTime"]}").Distinct().Count());
        Assert.Equal(items.OrderByDescending(i => i["startTime"]!.GetValue<string>(), StringComparer.Ordinal).Select(i => i["startTime"]!.GetValue<string>()),
            items.Select(i => i["startTime"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OtherUser_SeesAndDeletesNothing()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(SyncData.SampleBatch);

        var visits = await (await bob.GetAsync("/api/v1/data/page-visits")).ReadJsonAsync();
        var aggregates = await (await bob.GetAsync("/api/v1/data/tab-aggregates")).ReadJsonAsync();
        var status = await (await bob.GetAsync("/api/v1/data/status")).ReadJsonAsync();
        var delete = await bob.DeleteAsync("/api/v1/data/page-visits/pv_1764000000000_100");

        Assert.Empty(visits["items"]!.AsArray());
        Assert.Empty(aggregates["items"]!.AsArray());
        Assert.Empty(status["clients"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(3, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task DeletePageVisit_Own_Is204AndGone()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.SampleBatch);

        var first = await client.DeleteAsync("/api/v1/data/page-visits/pv_1764000000000_100");
        var second = await client.DeleteAsync("/api/v1/data/page-visits/pv_1764000000000_100");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task Status_PerInstallation_Snapshot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.SampleBatch);
        await client.SyncAsync(SyncData.Batch([SyncData.Visit(1)], [SyncData.Aggregate(1)]));

        var response = await client.GetAsync("/api/v1/data/status");

        Snapshots.MatchJson(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Syncs_ListReceiptsNewestFirst()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.SampleBatch);
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await client.SyncAsync(SyncData.Batch([SyncData.Visit(1), new JsonObject()]));

        var syncs = JsonNode.Parse(await client.GetStringAsync("/api/v1/data/syncs?limit=10"))!.AsArray();

        Assert.Equal(2, syncs.Count);
        Assert.Equal(1, syncs[0]!["rejectedCount"]!.GetValue<int>());
        Assert.Equal(SyncData.ClientId, syncs[0]!["anonymousClientId"]!.GetValue<string>());
        Assert.Equal(3, syncs[1]!["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/data/syncs?limit=0")).StatusCode);
    }

    [Fact]
    public async Task Export_StreamsEveryRecordAsNdjson()
    {
        var (client, _, _) = await _factory.SignedInUserAsync("export@example.com");
        await client.SyncAsync(SyncData.SampleBatch);

        var response = await client.GetAsync("/api/v1/account/export");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["account", "pageVisit", "pageVisit", "pageVisit", "tabAggregate", "tabAggregate", "sync"],
            lines.Select(l => l["kind"]!.GetValue<string>()));
        Assert.Equal("export@example.com", lines[0]["record"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadEndpoints_WithoutToken_Are401()
    {
        var client = _factory.CreateClient();

        foreach (var path in new[] { "/api/v1/data/page-visits", "/api/v1/data/tab-aggregates", "/api/v1/data/syncs", "/api/v1/data/status", "/api/v1/account/export" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        }
    }
}
