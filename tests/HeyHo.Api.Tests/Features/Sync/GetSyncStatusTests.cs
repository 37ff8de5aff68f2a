using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

public sealed class GetSyncStatusTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

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
    public async Task Status_OtherUsersRecords_AreNotCounted()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(SyncData.SampleBatch);

        var status = await (await bob.GetAsync("/api/v1/data/status")).ReadJsonAsync();

        Assert.Empty(status["clients"]!.AsArray());
    }

    [Fact]
    public async Task WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/data/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
