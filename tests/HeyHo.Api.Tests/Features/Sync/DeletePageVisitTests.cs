using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

public sealed class DeletePageVisitTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

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
    public async Task DeletePageVisit_OtherUsersVisit_Is404AndStays()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(SyncData.SampleBatch);

        var delete = await bob.DeleteAsync("/api/v1/data/page-visits/pv_1764000000000_100");

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(3, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }
}
