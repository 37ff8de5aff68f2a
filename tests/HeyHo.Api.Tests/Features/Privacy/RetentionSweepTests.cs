using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Privacy;

/// <summary>The retention sweep, run by its schedule on the test's clock.</summary>
public sealed class RetentionSweepTests : IDisposable
{
    private const string Deleted = "heyho.privacy.retention.deleted";

    // A batch of 2 makes a sweep of a handful of rows take several batches (each its own transaction).
    private readonly HeyHoApiFactory _factory = new(new Dictionary<string, string?>
    {
        ["Privacy:RetentionSweepInterval"] = "00:10:00", ["Privacy:RetentionBatchSize"] = "2",
    });

    public void Dispose() => _factory.Dispose();

    private long DaysAgo(double days) => (_factory.Clock.GetUtcNow() - TimeSpan.FromDays(days)).ToUnixTimeMilliseconds();

    private JsonObject Records() => SyncData.Batch(
        [
            PrivacyData.VisitOf(1, "a.org", "https://a.org/40", DaysAgo(40)),
            PrivacyData.VisitOf(2, "a.org", "https://a.org/35", DaysAgo(35)),
            PrivacyData.VisitOf(3, "a.org", "https://a.org/31", DaysAgo(31)),
            PrivacyData.VisitOf(4, "a.org", "https://a.org/10", DaysAgo(10)),
        ],
        [
            Aggregate(1, started: 45, lastActive: 40),
            Aggregate(2, started: 45, lastActive: 29), // started before the cutoff, active after it: kept
            Aggregate(3, started: 5, lastActive: 5),
        ]);

    private JsonObject Aggregate(int tabId, double started, double lastActive)
    {
        var aggregate = SyncData.Aggregate(tabId, DaysAgo(started));
        aggregate["lastActiveTime"] = DaysAgo(lastActive);
        return aggregate;
    }

    private async Task SweepAfterAsync(TimeSpan advance)
    {
        using var swept = new RecordedMeasurements(_factory.Services, Deleted, tag: new("kind", "tabAggregate"));
        _factory.Clock.Advance(advance);
        await swept.Recorded; // the scheduled sweep has finished
    }

    [Fact]
    public async Task Sweep_OnItsSchedule_DeletesWhatIsOlderThanTheUsersRetention_AndNothingElse()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, bobId) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(Records());
        await bob.SyncAsync(Records());
        await alice.PutPrivacyAsync(new { excludedDomains = Array.Empty<string>(), stripQueryStrings = false, retentionDays = 30 });

        await SweepAfterAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(["https://a.org/10"], await alice.StoredUrlsAsync());
        Assert.Equal([2L, 3L], (await alice.ReadAllAsync("/api/v1/data/tab-aggregates", 10)).Select(a => a["tabId"]!.GetValue<long>()).Order());
        Assert.Equal(4, _factory.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{bobId}'"));
        Assert.Equal(3, _factory.Count($"SELECT COUNT(*) FROM \"TabAggregates\" WHERE \"UserId\" = '{bobId}'"));
    }

    [Fact]
    public async Task Sweep_AsTimePasses_TakesRecordsOnceTheyAreOldEnough()
    {
        var (client, _, _) = await _factory.SignedInUserAsync("patient@example.com");
        await client.SyncAsync(Records());
        await client.PutPrivacyAsync(new { excludedDomains = Array.Empty<string>(), stripQueryStrings = false, retentionDays = 30 });
        await SweepAfterAsync(TimeSpan.FromMinutes(10));

        await SweepAfterAsync(TimeSpan.FromDays(21));
        await client.SignInAgainAsync(_factory, "patient@example.com");

        Assert.Empty(await client.StoredUrlsAsync());
        Assert.Equal([3L], (await client.ReadAllAsync("/api/v1/data/tab-aggregates", 10)).Select(a => a["tabId"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Sweep_RetentionLifted_KeepsEverything()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(Records());
        await client.PutPrivacyAsync(new { excludedDomains = Array.Empty<string>(), stripQueryStrings = false, retentionDays = 30 });
        await client.PutPrivacyAsync(new { excludedDomains = Array.Empty<string>(), stripQueryStrings = false, retentionDays = (int?)null });

        await SweepAfterAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(4, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
        Assert.Equal(3, _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\""));
    }
}
