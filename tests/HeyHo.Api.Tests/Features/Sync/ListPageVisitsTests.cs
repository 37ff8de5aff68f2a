using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

public sealed class ListPageVisitsTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task PageVisits_TiesOnTime_AreOrderedByIdCodePointsOnEveryEngine()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        string[] ids = ["B", "a", "_", "Z", "\u00E9", "b10", "b9"];
        await client.SyncAsync(SyncData.Batch(ids.Select((id, n) => SyncData.Visit(n, id: id, startedAt: SyncData.BaseTime))));

        var items = await client.ReadAllAsync("/api/v1/data/page-visits", 2);

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

        var items = await client.ReadAllAsync("/api/v1/data/page-visits", 7);

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

        var window = await client.ReadAllAsync($"/api/v1/data/page-visits?from={Uri.EscapeDataString(from)}&to={to}", 100);
        var domain = await client.ReadAllAsync("/api/v1/data/page-visits?domain=site0.example.org", 100);
        var byClient = await client.ReadAllAsync("/api/v1/data/page-visits?clientId=anon-other", 100);

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
    public async Task PageVisits_OtherUsersVisits_AreNotListed()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(SyncData.SampleBatch);

        var visits = await (await bob.GetAsync("/api/v1/data/page-visits")).ReadJsonAsync();

        Assert.Empty(visits["items"]!.AsArray());
    }

    [Fact]
    public async Task WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/data/page-visits");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
