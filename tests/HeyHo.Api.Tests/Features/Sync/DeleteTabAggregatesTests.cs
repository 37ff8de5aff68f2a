using System.Net;
using HeyHo.Api.Tests.Features.Privacy;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

/// <summary>DELETE /api/v1/data/tab-aggregates?domain=&amp;from=&amp;to=: bulk deletes of the caller's tab aggregates.</summary>
public sealed class DeleteTabAggregatesTests : IDisposable
{
    private const string Path = "/api/v1/data/tab-aggregates";

    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static System.Text.Json.Nodes.JsonObject Aggregates() => SyncData.Batch(aggregates:
        [
            PrivacyData.AggregateOf(1, "example.com"),
            PrivacyData.AggregateOf(2, "docs.example.net", visited: ["a.example.com"]),
            PrivacyData.AggregateOf(3, "docs.example.net", mostVisited: "www.example.com"),
            PrivacyData.AggregateOf(4, "notexample.com", visited: ["example.com.evil.org"]),
            PrivacyData.AggregateOf(5, "docs.example.net"),
        ]);

    private static async Task<List<long>> StoredTabsAsync(HttpClient client) =>
        [.. (await client.ReadAllAsync(Path, 100)).Select(a => a["tabId"]!.GetValue<long>()).Order()];

    [Fact]
    public async Task DeleteByDomain_TakesEveryAggregateThatNamesIt()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(Aggregates());

        var response = await client.DeleteAsync($"{Path}?domain=example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"deleted":3}""", (await response.ReadJsonAsync()).ToJsonString());
        Assert.Equal([4, 5], await StoredTabsAsync(client));
    }

    [Fact]
    public async Task DeleteByWindow_TakesStartTimeFromInclusiveToExclusive()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(Aggregates());
        var from = SyncData.BaseTime + (2 * 3_600_000L); // tab n starts n hours after the base time
        var to = SyncData.BaseTime + (4 * 3_600_000L);

        var answer = await (await client.DeleteAsync($"{Path}?from={from}&to={to}")).ReadJsonAsync();

        Assert.Equal(2, answer["deleted"]!.GetValue<long>());
        Assert.Equal([1, 4, 5], await StoredTabsAsync(client));
    }

    [Fact]
    public async Task DeleteByDomain_ManyAggregates_DeletesThemAll()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(aggregates: Enumerable.Range(0, 250).Select(t => PrivacyData.AggregateOf(t, t % 2 == 0 ? "example.com" : "other.org", startTime: SyncData.BaseTime + t))));

        var answer = await (await client.DeleteAsync($"{Path}?domain=example.com")).ReadJsonAsync();

        Assert.Equal(125, answer["deleted"]!.GetValue<long>());
        Assert.Equal(125, _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\" WHERE \"CurrentDomain\" = 'other.org'"));
        Assert.Equal(125, _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\""));
    }

    [Fact]
    public async Task Delete_NoFilter_Is400AndDeletesNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(Aggregates());

        var response = await client.DeleteAsync(Path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(5, _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\""));
    }

    [Fact]
    public async Task Delete_TakesOnlyTheCallersAggregates()
    {
        var (alice, _, aliceId) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(Aggregates());
        await bob.SyncAsync(Aggregates());

        await bob.DeleteAsync($"{Path}?domain=example.com");
        await bob.DeleteAsync($"{Path}?to=2100-01-01T00:00:00Z");

        Assert.Equal(5, _factory.Count($"SELECT COUNT(*) FROM \"TabAggregates\" WHERE \"UserId\" = '{aliceId}'"));
        Assert.Equal(5, _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\""));
    }

    [Fact]
    public async Task Delete_WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().DeleteAsync($"{Path}?from=0");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
