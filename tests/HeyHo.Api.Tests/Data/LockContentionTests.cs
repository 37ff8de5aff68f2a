using System.Net;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Data;

/// <summary>Against the real API process over loopback: another process holds the lock writers need.</summary>
public sealed class LockContentionTests(ShortLockWaitApiFixture api) : IClassFixture<ShortLockWaitApiFixture>
{
    [Fact]
    public async Task WriteLockHeldByAnotherProcess_SyncsAnswer503WithRetryAfter_ThenSucceedOnceItIsGone()
    {
        var (client, _, userId) = await api.SignedInUserAsync();
        var bodies = Enumerable.Range(0, 5).Select(i => SyncData.Visits(20, first: i * 20)).ToArray();

        HttpResponseMessage[] during;
        HttpResponseMessage read;
        using (api.Database.HoldWriteLock()) // this test process is the other process
        {
            during = await Task.WhenAll(bodies.Select(b => client.SyncAsync(b)));
            read = await client.GetAsync("/api/v1/data/page-visits"); // readers are not blocked (WAL; MVCC)
        }
        var stored = api.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'");
        var after = await Task.WhenAll(bodies.Select(b => client.SyncAsync(b)));

        Assert.All(during, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), r.Headers.RetryAfter!.Delta);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
        });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(0, stored);
        Assert.All(after, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(100, api.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'"));
    }
}
