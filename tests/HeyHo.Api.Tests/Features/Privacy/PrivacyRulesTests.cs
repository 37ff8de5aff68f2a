using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Privacy;

/// <summary>The privacy settings at ingest (POST /api/v1/data/sync): excluded domains are counted and not stored, query strings stripped.</summary>
public sealed class PrivacyRulesTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private long Visits => _factory.Count("SELECT COUNT(*) FROM \"PageVisits\"");
    private long Aggregates => _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\"");

    [Fact]
    public async Task Sync_ExcludedDomainAndSubdomains_AreCountedAsExcludedAndNotStored_LookAlikesAreStored()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.ExcludeAsync("example.com");
        var batch = SyncData.Batch(
            [
                PrivacyData.VisitOf(1, "example.com", "https://example.com/a"),
                PrivacyData.VisitOf(2, "www.example.com", "https://www.example.com/b"),
                PrivacyData.VisitOf(3, "notexample.com", "https://notexample.com/c"),
                PrivacyData.VisitOf(4, "example.com.evil.org", "https://example.com.evil.org/d"),
            ],
            [
                PrivacyData.AggregateOf(1, "example.com"),
                PrivacyData.AggregateOf(2, "docs.example.net", visited: ["mail.example.com"]),
                PrivacyData.AggregateOf(3, "docs.example.net", mostVisited: "a.example.com"),
                PrivacyData.AggregateOf(4, "notexample.com", visited: ["example.com.evil.org"]),
            ]);

        var response = await client.SyncAsync(batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), SyncBatchTests.Volatile);
        Assert.Equal(["https://example.com.evil.org/d", "https://notexample.com/c"], await client.StoredUrlsAsync());
        Assert.Equal(1, Aggregates);
        var stored = (await client.ReadAllAsync("/api/v1/data/tab-aggregates", 10)).Single();
        Assert.Equal("notexample.com", stored["currentDomain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_ExcludedBadAndGoodRecordsInOneBatch_EachIsCountedOnItsOwn()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.ExcludeAsync("example.com");
        var bad = PrivacyData.VisitOf(2, "fine.org", "https://fine.org/");
        bad.Remove("startedAt");
        bad.Remove("timestamp");

        var receipt = await (await client.SyncAsync(SyncData.Batch(
            [PrivacyData.VisitOf(1, "example.com", "https://example.com/"), bad, PrivacyData.VisitOf(3, "good.org", "https://good.org/")]))).ReadJsonAsync();

        var visits = receipt["pageVisits"]!;
        Assert.Equal((3, 1, 1, 1), (visits["received"]!.GetValue<int>(), visits["inserted"]!.GetValue<int>(),
            visits["rejected"]!.GetValue<int>(), visits["excluded"]!.GetValue<int>()));
        Assert.Equal(1, receipt["rejected"]![0]!["index"]!.GetValue<int>());
        Assert.Equal(["https://good.org/"], await client.StoredUrlsAsync());
    }

    [Fact]
    public async Task Sync_ExcludedCounts_AreKeptWithTheStoredReceipt()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.ExcludeAsync("example.com");
        await client.SyncAsync(SyncData.Batch([PrivacyData.VisitOf(1, "example.com", "https://example.com/")], [PrivacyData.AggregateOf(1, "example.com")]));

        var sync = (await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/data/syncs"))![0]!;

        Assert.Equal(1, sync["pageVisits"]!["excluded"]!.GetValue<int>());
        Assert.Equal(1, sync["tabAggregates"]!["excluded"]!.GetValue<int>());
        Assert.Equal(0, sync["rejectedCount"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null, "https://m.example.com/x")]                 // no domain: the URL's host decides
    [InlineData("", "https://m.example.com/x")]
    [InlineData("WWW.Example.COM.", "https://www.example.com/")]  // as sent, not as stored form
    [InlineData("shop.xn--bcher-kva.de", "https://shop.xn--bcher-kva.de/")]
    [InlineData("shop.bücher.de", "https://shop.bücher.de/")]
    public async Task Sync_VisitOfAnExcludedDomainInAnyForm_IsExcluded(string? domain, string url)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.ExcludeAsync("example.com", "bücher.de");

        var receipt = await (await client.SyncAsync(SyncData.Batch([PrivacyData.VisitOf(1, domain, url)]))).ReadJsonAsync();

        Assert.Equal(1, receipt["pageVisits"]!["excluded"]!.GetValue<int>());
        Assert.Equal(0, Visits);
    }

    [Fact]
    public async Task Sync_SameExcludedRecordTwice_CountsBothCopies()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.ExcludeAsync("example.com");
        var visit = PrivacyData.VisitOf(1, "example.com", "https://example.com/");

        var receipt = await (await client.SyncAsync(SyncData.Batch([visit, visit]))).ReadJsonAsync();

        Assert.Equal((2, 2), (receipt["pageVisits"]!["received"]!.GetValue<int>(), receipt["pageVisits"]!["excluded"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Sync_AnotherUsersExclusions_DoNotApply()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.ExcludeAsync("example.com");

        var receipt = await (await bob.SyncAsync(SyncData.Batch([PrivacyData.VisitOf(1, "example.com", "https://example.com/")]))).ReadJsonAsync();

        Assert.Equal(1, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal(1, Visits);
    }

    [Fact]
    public async Task Sync_WithStripQueryStrings_StoresUrlsWithoutQueryOrFragment_UnderTheSameId()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.PutPrivacyAsync(new { excludedDomains = Array.Empty<string>(), stripQueryStrings = true });
        var aggregate = PrivacyData.AggregateOf(1, "docs.example.net");
        aggregate["currentUrl"] = "https://docs.example.net/a?token=secret";

        await client.SyncAsync(SyncData.Batch(
            [
                PrivacyData.VisitOf(1, "a.org", "https://a.org/path?session=secret#part", startedAt: SyncData.BaseTime),
                PrivacyData.VisitOf(2, "b.org", "https://b.org/path#only-a-fragment"),
                PrivacyData.VisitOf(3, "c.org", "https://c.org/plain"),
            ],
            [aggregate]));
        var visits = await client.ReadAllAsync("/api/v1/data/page-visits", 10);
        var stored = (await client.ReadAllAsync("/api/v1/data/tab-aggregates", 10)).Single();

        Assert.Equal(["https://a.org/path", "https://b.org/path", "https://c.org/plain"], await client.StoredUrlsAsync());
        Assert.Contains(visits, v => v["id"]!.GetValue<string>() == $"pv_{SyncData.BaseTime}_1" && v["url"]!.GetValue<string>() == "https://a.org/path");
        Assert.Equal("https://docs.example.net/a", stored["currentUrl"]!.GetValue<string>());
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\" WHERE \"Url\" LIKE '%secret%'"));
    }

    [Fact]
    public async Task StripQueryStrings_TurnedOn_LeavesRecordsStoredEarlierAsTheyWere()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch([PrivacyData.VisitOf(1, "a.org", "https://a.org/?q=1")]));

        await client.PutPrivacyAsync(new { excludedDomains = Array.Empty<string>(), stripQueryStrings = true });
        await client.SyncAsync(SyncData.Batch([PrivacyData.VisitOf(2, "a.org", "https://a.org/?q=2")]));

        Assert.Equal(["https://a.org/", "https://a.org/?q=1"], await client.StoredUrlsAsync());
    }
}
