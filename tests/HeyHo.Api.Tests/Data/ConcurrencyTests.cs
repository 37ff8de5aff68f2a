using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Data;

/// <summary>Against the real API process over loopback: concurrent writers of the same and of different records (refreshes: Auth/ConcurrentRefreshTests).</summary>
public sealed class ConcurrencyTests(ChildApiFixture api) : IClassFixture<ChildApiFixture>
{
    [Fact]
    public async Task FiftyConcurrentResendsOfOneThousandRecordBatch_StoreExactlyOneThousandRows()
    {
        var (client, _, userId) = await api.SignedInUserAsync();
        var body = SyncData.Visits(1000).ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.SyncAsync(body)));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1000, api.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'"));
        var receipts = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        Assert.Equal(1000, receipts.Sum(r => r["pageVisits"]!["inserted"]!.GetValue<int>()));
    }

    [Fact]
    public async Task TwoDevicesSyncingOverlappingTabAggregates_TheLatestLastActiveTimeWins()
    {
        var (deviceA, tokens, userId) = await api.SignedInUserAsync();
        var deviceB = new HttpClient { BaseAddress = api.Api.BaseAddress };
        deviceB.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        var versions = Enumerable.Range(1, 40).Select(v => SyncData.Batch(aggregates: Enumerable.Range(0, 5)
            .Select(tab => (JsonNode)SyncData.Aggregate(tab, SyncData.BaseTime, activeFor: v * 1000)))).ToList();

        var a = Task.WhenAll(versions.Where((_, i) => i % 2 == 0).Reverse().Select(v => deviceA.SyncAsync(v)));
        var b = Task.WhenAll(versions.Where((_, i) => i % 2 == 1).Select(v => deviceB.SyncAsync(v)));
        var responses = (await a).Concat(await b).ToList();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(5, api.Count($"SELECT COUNT(*) FROM \"TabAggregates\" WHERE \"UserId\" = '{userId}'"));
        Assert.Equal(5, api.Count($"SELECT COUNT(*) FROM \"TabAggregates\" WHERE \"UserId\" = '{userId}' AND \"TotalActiveDuration\" = 40000"));
    }
}
