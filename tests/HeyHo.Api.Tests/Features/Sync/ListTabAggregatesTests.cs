using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

public sealed class ListTabAggregatesTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task TabAggregates_PagedNewestFirst_WithIdentityFields()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(aggregates: Enumerable.Range(0, 9).Select(n => SyncData.Aggregate(n % 3, SyncData.BaseTime + ((n / 3) * 1000)))));

        var items = await client.ReadAllAsync("/api/v1/data/tab-aggregates", 2);

        Assert.Equal(9, items.Count);
        Assert.Equal(9, items.Select(i => $"{i["anonymousClientId"]}|{i["tabId"]}|{i["startTime"]}").Distinct().Count());
        Assert.Equal(items.OrderByDescending(i => i["startTime"]!.GetValue<string>(), StringComparer.Ordinal).Select(i => i["startTime"]!.GetValue<string>()),
            items.Select(i => i["startTime"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TabAggregates_OtherUsersAggregates_AreNotListed()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(SyncData.SampleBatch);

        var aggregates = await (await bob.GetAsync("/api/v1/data/tab-aggregates")).ReadJsonAsync();

        Assert.Empty(aggregates["items"]!.AsArray());
    }

    [Fact]
    public async Task WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/data/tab-aggregates");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
