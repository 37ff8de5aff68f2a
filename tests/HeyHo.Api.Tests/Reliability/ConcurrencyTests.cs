using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Infrastructure;

namespace HeyHo.Api.Tests.Reliability;

/// <summary>Against the real API process over loopback: concurrent writers of the same and of different records.</summary>
public sealed class ConcurrencyTests(ChildApiFixture api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ChildApiFixture>
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
    public async Task TwentyParallelRefreshesWithOneToken_NoServerErrorAndEveryAnswerIsATokenOrInvalidGrant()
    {
        var (_, tokens, _) = await api.SignedInUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Http.RefreshGrantAsync(tokens.RefreshToken)));
        var bodies = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i].StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.BadRequest, responses[i].StatusCode);
                Assert.Equal("invalid_grant", bodies[i]["error"]!.GetValue<string>());
            }
        }
        // Within the reuse leeway the token may be redeemed again, so at least one refresh succeeds, and every
        // refresh token handed out works.
        var successes = bodies.Where((_, i) => responses[i].StatusCode == HttpStatusCode.OK).ToList();
        output.WriteLine($"20 parallel refreshes with one token: {successes.Count} answered with new tokens, {20 - successes.Count} invalid_grant");
        Assert.NotEmpty(successes);
        foreach (var issued in successes.Take(3))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Http.RefreshGrantAsync(issued["refresh_token"]!.GetValue<string>())).StatusCode);
        }
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
