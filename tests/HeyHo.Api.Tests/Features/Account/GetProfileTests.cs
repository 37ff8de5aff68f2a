using System.Net;
using System.Net.Http.Json;
using System.Text;
using HeyHo.Api.Tests.Harness;
using HeyHo.Api.Tests.Features.Sync;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class GetProfileTests : IDisposable
{
    private static readonly string[] Volatile = ["id", "createdAt", "traceId"];
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task GetProfile_SignedIn_ReturnsTheCallersProfile()
    {
        var (client, _, userId) = await _factory.SignedInUserAsync("me@example.com");

        var response = await client.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains(userId, json, StringComparison.Ordinal);
        Snapshots.MatchJson(json, Volatile);
    }

    [Fact]
    public async Task GetProfile_AfterSync_CountsOnlyTheCallersRecords()
    {
        var (client, _, _) = await _factory.SignedInUserAsync("counted@example.com");
        var (other, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.SampleBatch);
        await other.SyncAsync(SyncData.SampleBatch);

        var account = await client.GetAsync("/api/v1/account");

        Snapshots.MatchJson(await account.Content.ReadAsStringAsync(), "id", "createdAt", "lastSyncAt");
    }
}
