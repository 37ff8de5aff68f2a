using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

public sealed class ListSyncsTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

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
    public async Task WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/data/syncs");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
