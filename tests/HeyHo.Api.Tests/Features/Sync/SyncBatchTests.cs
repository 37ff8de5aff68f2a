using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

public sealed class SyncBatchTests : IDisposable
{
    internal static readonly string[] Volatile = ["syncId", "receivedAt", "updatedAt", "traceId", "createdAt", "id", "lastSyncAt"];
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private long Visits => _factory.Count("SELECT COUNT(*) FROM \"PageVisits\"");
    private long Aggregates => _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\"");
    private long Receipts => _factory.Count("SELECT COUNT(*) FROM \"SyncReceipts\"");

    [Fact]
    public async Task Sync_SampleBatch_StoresEveryRecordWithAReceipt()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.SyncAsync(SyncData.SampleBatch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(3, Visits);
        Assert.Equal(2, Aggregates);
        Assert.Equal(1, Receipts);
    }

    [Fact]
    public async Task Sync_SameBatchAgain_ChangesNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.SampleBatch);
        var before = await client.GetStringAsync("/api/v1/data/page-visits");

        var again = await (await client.SyncAsync(SyncData.SampleBatch)).ReadJsonAsync();

        Assert.Equal(0, again["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal(3, again["pageVisits"]!["unchanged"]!.GetValue<int>());
        Assert.Equal(2, again["tabAggregates"]!["unchanged"]!.GetValue<int>());
        Assert.Equal(3, Visits);
        Assert.Equal(2, Aggregates);
        Assert.Equal(before, await client.GetStringAsync("/api/v1/data/page-visits"));
    }

    [Theory]
    [InlineData("endedAt")]
    [InlineData("duration")]
    [InlineData("activeDuration")]
    [InlineData("lastHeartbeat")]
    public async Task Sync_MoreCompleteCopy_UpdatesTheStoredVisit(string field)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var open = SyncData.Visit(1);
        open["endedAt"] = null;
        open["duration"] = 10_000;
        open["activeDuration"] = 5_000;
        open["lastHeartbeat"] = SyncData.BaseTime + 60_000 + 5_000;
        await client.SyncAsync(SyncData.Batch([open]));
        var later = open.DeepClone().AsObject();
        later[field] = field switch
        {
            "endedAt" => SyncData.BaseTime + 60_000 + 45_000,
            "lastHeartbeat" => SyncData.BaseTime + 60_000 + 9_000,
            _ => 20_000,
        };
        later["title"] = "renamed";

        var receipt = await (await client.SyncAsync(SyncData.Batch([later]))).ReadJsonAsync();
        var stored = (await (await client.GetAsync("/api/v1/data/page-visits")).ReadJsonAsync())["items"]![0]!;

        Assert.Equal(1, receipt["pageVisits"]!["updated"]!.GetValue<int>());
        Assert.Equal("renamed", stored["title"]!.GetValue<string>());
        Assert.Equal(1, Visits);
    }

    [Fact]
    public async Task Sync_LessCompleteCopy_LeavesTheStoredVisitAlone()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var complete = SyncData.Visit(1);
        await client.SyncAsync(SyncData.Batch([complete]));
        var stale = complete.DeepClone().AsObject();
        stale["endedAt"] = null;
        stale["duration"] = 1_000;
        stale["activeDuration"] = 1_000;
        stale["lastHeartbeat"] = SyncData.BaseTime;
        stale["title"] = "stale";

        var receipt = await (await client.SyncAsync(SyncData.Batch([stale]))).ReadJsonAsync();
        var stored = (await (await client.GetAsync("/api/v1/data/page-visits")).ReadJsonAsync())["items"]![0]!;

        Assert.Equal(1, receipt["pageVisits"]!["unchanged"]!.GetValue<int>());
        Assert.Equal("Title 1", stored["title"]!.GetValue<string>());
        Assert.Equal(45_000, stored["duration"]!.GetValue<long>());
        Assert.NotNull(stored["endedAt"]);
    }

    [Fact]
    public async Task Sync_TabAggregateWithLaterLastActiveTime_ReplacesTheStoredOneAndEarlierDoesNot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(aggregates: [SyncData.Aggregate(7, activeFor: 10_000)]));

        var newer = await (await client.SyncAsync(SyncData.Batch(aggregates: [SyncData.Aggregate(7, activeFor: 50_000)]))).ReadJsonAsync();
        var older = await (await client.SyncAsync(SyncData.Batch(aggregates: [SyncData.Aggregate(7, activeFor: 20_000)]))).ReadJsonAsync();
        var stored = (await (await client.GetAsync("/api/v1/data/tab-aggregates")).ReadJsonAsync())["items"]![0]!;

        Assert.Equal(1, newer["tabAggregates"]!["updated"]!.GetValue<int>());
        Assert.Equal(1, older["tabAggregates"]!["unchanged"]!.GetValue<int>());
        Assert.Equal(50_000, stored["totalActiveDuration"]!.GetValue<long>());
        Assert.Equal(1, Aggregates);
    }

    [Fact]
    public async Task Sync_TabAggregatesOnly_AreStored()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var body = new JsonObject { ["tabAggregates"] = new JsonArray(SyncData.Aggregate(1), SyncData.Aggregate(2)) };

        var receipt = await (await client.SyncAsync(body)).ReadJsonAsync();

        Assert.Equal(2, receipt["tabAggregates"]!["inserted"]!.GetValue<int>());
        Assert.Equal(0, receipt["pageVisits"]!["received"]!.GetValue<int>());
        Assert.Equal(2, Aggregates);
    }

    [Fact]
    public async Task Sync_SameIdTwiceInOneRequest_CountsOnceAndKeepsTheMoreCompleteCopy()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var open = SyncData.Visit(1);
        open["endedAt"] = null;
        open["duration"] = 1_000;
        var closed = SyncData.Visit(1);

        var receipt = await (await client.SyncAsync(SyncData.Batch([open, closed]))).ReadJsonAsync();

        Assert.Equal(2, receipt["pageVisits"]!["received"]!.GetValue<int>());
        Assert.Equal(1, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal(0, receipt["pageVisits"]!["updated"]!.GetValue<int>());
        Assert.Equal(1, receipt["pageVisits"]!["unchanged"]!.GetValue<int>());
        Assert.Equal(1, Visits);
        Assert.Equal(45_000, _factory.Count("SELECT \"Duration\" FROM \"PageVisits\""));
    }

    [Fact]
    public async Task Sync_TwoUsersSameIds_KeepSeparateRows()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        var bobsCopy = SyncData.Visit(1);
        bobsCopy["title"] = "Bob's";

        await alice.SyncAsync(SyncData.Batch([SyncData.Visit(1)]));
        var bobReceipt = await (await bob.SyncAsync(SyncData.Batch([bobsCopy]))).ReadJsonAsync();

        Assert.Equal(1, bobReceipt["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal(2, Visits);
        var alicesView = (await (await alice.GetAsync("/api/v1/data/page-visits")).ReadJsonAsync())["items"]!.AsArray();
        Assert.Equal("Title 1", Assert.Single(alicesView)!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_RecordsBelongToTheTokensUser_NotToAnythingInTheBody()
    {
        var (alice, _, aliceId) = await _factory.SignedInUserAsync();
        var (_, _, bobId) = await _factory.SignedInUserAsync();
        var body = SyncData.Batch([SyncData.Visit(1)]);
        body["userId"] = bobId;
        body["pageVisits"]![0]!["userId"] = bobId;

        await alice.SyncAsync(body);

        Assert.Equal(1, _factory.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{aliceId}'"));
        Assert.Equal(0, _factory.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{bobId}'"));
    }

    [Fact]
    public async Task Sync_MixedValidAndInvalid_StoresTheValidAndListsTheRest()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var badUrl = SyncData.Visit(2);
        badUrl["url"] = "ftp://files.example.org/x";
        var badTypes = SyncData.Visit(3);
        badTypes["startedAt"] = "yesterday";
        badTypes["timestamp"] = null;
        badTypes["engagementRate"] = 1.5;
        var badAggregate = SyncData.Aggregate(4);
        badAggregate["lastActiveTime"] = SyncData.BaseTime;

        var response = await client.SyncAsync(SyncData.Batch(
            [SyncData.Visit(1), badUrl, badTypes, JsonValue.Create(42)],
            [SyncData.Aggregate(1), badAggregate]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile.Except(["id"]).ToArray());
        Assert.Equal(1, Visits);
        Assert.Equal(1, Aggregates);
    }

    [Fact]
    public async Task Sync_AliasesIsoTimesAndUnknownFields_AreAccepted()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var onlyAliases = new JsonObject
        {
            ["visitId"] = "pv_alias",
            ["url"] = "https://example.org/",
            ["timestamp"] = "2025-11-24T16:00:00Z",
            ["endedAt"] = "2025-11-24T17:00:00.500+01:00",
            ["somethingNew"] = new JsonObject { ["nested"] = true },
        };

        var receipt = await (await client.SyncAsync(SyncData.Batch([onlyAliases]))).ReadJsonAsync();
        var stored = (await (await client.GetAsync("/api/v1/data/page-visits")).ReadJsonAsync())["items"]![0]!;

        Assert.Equal(1, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal("pv_alias", stored["id"]!.GetValue<string>());
        Assert.Equal("2025-11-24T16:00:00Z", stored["startedAt"]!.GetValue<string>());
        Assert.Equal("2025-11-24T16:00:00.5Z", stored["endedAt"]!.GetValue<string>());
        Assert.Equal(SyncData.ClientId, stored["anonymousClientId"]!.GetValue<string>()); // from the request envelope
    }

    [Fact]
    public async Task Sync_ConflictingAliases_RejectTheRecord()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visit = SyncData.Visit(1);
        visit["visitId"] = "something-else";

        var receipt = await (await client.SyncAsync(SyncData.Batch([visit]))).ReadJsonAsync();

        Assert.Equal(1, receipt["pageVisits"]!["rejected"]!.GetValue<int>());
        Assert.Equal("id", receipt["rejected"]![0]!["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_EightConcurrentResendsOfOneThousandRecords_StoreExactlyOneThousandRows()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var body = SyncData.Visits(1000).ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SyncAsync(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        Assert.Equal(1000, receipts.Sum(r => r["pageVisits"]!["inserted"]!.GetValue<int>()));
        Assert.Equal(7000, receipts.Sum(r => r["pageVisits"]!["unchanged"]!.GetValue<int>()));
        Assert.Equal(1000, Visits);
        Assert.Equal(8, Receipts);
    }

    [Fact]
    public async Task Sync_ManyUsersAtOnce_NeverFail()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _factory.SignedInUserAsync()));

        var responses = await Task.WhenAll(users.SelectMany(u => Enumerable.Range(0, 3)
            .Select(i => u.Client.SyncAsync(SyncData.Visits(200, first: i * 100)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(4 * 400, Visits);
    }

    [Fact]
    public async Task Sync_DatabaseLockedByAnotherProcess_Answers503WithRetryAfterAndStoresNothing()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Database:BusyTimeoutMs"] = "200", ["Database:WriteQueueTimeoutMs"] = "200" });
        var (client, _, _) = await factory.SignedInUserAsync();
        var body = SyncData.Visits(10);

        HttpResponseMessage locked;
        using (factory.Database.HoldWriteLock())
        {
            locked = await client.SyncAsync(body);
        }
        var afterwards = await client.SyncAsync(body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), locked.Headers.RetryAfter!.Delta);
        Assert.Equal("application/problem+json", locked.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(10, (await afterwards.ReadJsonAsync())["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"SyncReceipts\""));
    }

    [Fact]
    public async Task Sync_WithoutToken_Is401AndStoresNothing()
    {
        var response = await _factory.CreateClient().SyncAsync(SyncData.Visits(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Visits);
    }

    [Fact]
    public async Task Sync_WithGarbageToken_Is401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SyncAsync(SyncData.Visits(1))).StatusCode);
    }

    [Fact]
    public async Task Sync_DeletedUsersToken_Is401()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SendAsync(TestApi.Json(HttpMethod.Delete, "/api/v1/account", new { password = TestApi.Password }));

        var response = await client.SyncAsync(SyncData.Visits(1));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, Visits);
    }

    private async Task<JsonObject> StoredVisit(HttpClient client, string id) =>
        (await client.ReadAllAsync("/api/v1/data/page-visits", 500)).Single(v => v["id"]!.GetValue<string>() == id);

    [Theory]
    [InlineData("title")]
    [InlineData("url")]
    [InlineData("id")]
    [InlineData("anonymousClientId")]
    [InlineData("domain")]
    [InlineData("category")]
    [InlineData("categoryMethod")]
    [InlineData("sourcePageVisitId")]
    [InlineData("metadata value")]
    [InlineData("metadata key")]
    [InlineData("idlePeriods")]
    public async Task Sync_LoneSurrogateInAPageVisit_IsStoredAsReplacementCharacter_NotedAndItsNeighboursStored(string spot)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visit = SyncData.Visit(2);
        var lone = "cut 🦄 here " + SyncData.LoneSurrogate;
        var stored = "cut 🦄 here \uFFFD";
        switch (spot)
        {
            case "url": visit["url"] = "https://example.org/" + lone; break;
            case "id": visit["id"] = lone; visit["visitId"] = lone; break;
            case "metadata value": visit["metadata"] = new JsonObject { ["description"] = lone }; break;
            case "metadata key": visit["metadata"] = new JsonObject { [lone] = 1 }; break;
            case "idlePeriods": visit["idlePeriods"] = new JsonArray(new JsonObject { ["reason"] = lone }); break;
            default: visit[spot] = lone; break;
        }
        var field = spot.Split(' ')[0];

        var response = await client.SyncAsync(SyncData.Batch([SyncData.Visit(1), visit, SyncData.Visit(3)]).WithLoneSurrogates());
        var receipt = await response.ReadJsonAsync();
        var item = await StoredVisit(client, spot == "id" ? stored : visit["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
        var repaired = Assert.Single(receipt["repaired"]!.AsArray())!;
        Assert.Equal(("pageVisit", 1), (repaired["kind"]!.GetValue<string>(), repaired["index"]!.GetValue<int>()));
        Assert.Contains(repaired["repairs"]!.AsArray(), r => r!["field"]!.GetValue<string>() == field);
        var read = spot switch
        {
            "url" => item["url"]!.GetValue<string>()["https://example.org/".Length..],
            "metadata value" => item["metadata"]!["description"]!.GetValue<string>(),
            "metadata key" => Assert.Single(item["metadata"]!.AsObject()).Key,
            "idlePeriods" => item["idlePeriods"]![0]!["reason"]!.GetValue<string>(),
            _ => item[spot]!.GetValue<string>(),
        };
        Assert.Equal(stored, read);
    }

    [Theory]
    [InlineData("anonymousClientId")]
    [InlineData("currentUrl")]
    [InlineData("currentDomain")]
    [InlineData("domainDurations key")]
    [InlineData("statistics value")]
    public async Task Sync_LoneSurrogateInATabAggregate_IsStoredAsReplacementCharacter_NotedAndItsNeighboursStored(string spot)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var aggregate = SyncData.Aggregate(2);
        var lone = "x" + SyncData.LoneSurrogate;
        switch (spot)
        {
            case "domainDurations key": aggregate["domainDurations"] = new JsonObject { [lone] = 1000 }; break;
            case "statistics value": aggregate["statistics"] = new JsonObject { ["mostVisitedDomain"] = lone }; break;
            default: aggregate[spot] = lone; break;
        }

        var response = await client.SyncAsync(SyncData.Batch(aggregates: [SyncData.Aggregate(1), aggregate, SyncData.Aggregate(3)]).WithLoneSurrogates());
        var receipt = await response.ReadJsonAsync();
        var item = (await client.ReadAllAsync("/api/v1/data/tab-aggregates", 500)).Single(a => a["tabId"]!.GetValue<int>() == 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, receipt["tabAggregates"]!["inserted"]!.GetValue<int>());
        var repaired = Assert.Single(receipt["repaired"]!.AsArray())!;
        Assert.Equal(("tabAggregate", 1), (repaired["kind"]!.GetValue<string>(), repaired["index"]!.GetValue<int>()));
        Assert.Equal(spot.Split(' ')[0], Assert.Single(repaired["repairs"]!.AsArray())!["field"]!.GetValue<string>());
        var read = spot switch
        {
            "domainDurations key" => Assert.Single(item["domainDurations"]!.AsObject()).Key,
            "statistics value" => item["statistics"]!["mostVisitedDomain"]!.GetValue<string>(),
            _ => item[spot]!.GetValue<string>(),
        };
        Assert.Equal("x\uFFFD", read);
    }

    [Fact]
    public async Task Sync_SurrogatePairs_AreStoredAsSentAndNotRepaired()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visit = SyncData.Visit(1);
        visit["title"] = "pair " + SyncData.LoneSurrogate + "\\udc00"; // \ud800\udc00: U+10000, escaped as JSON.stringify may
        var body = SyncData.Batch([visit]).WithLoneSurrogates().Replace("\\\\udc00", "\\udc00", StringComparison.Ordinal);

        var receipt = await (await client.SyncAsync(body)).ReadJsonAsync();
        var item = await StoredVisit(client, visit["id"]!.GetValue<string>());

        Assert.Empty(receipt["repaired"]!.AsArray());
        Assert.Equal("pair \U00010000", item["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_NulInATextField_IsStoredAsReplacementCharacterAndNoted_WhileJsonBlobsKeepIt()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var repaired = SyncData.Visit(1);
        repaired["title"] = "before\0after";
        var kept = SyncData.Visit(2);
        kept["metadata"] = new JsonObject { ["description"] = "json\0text" };
        var aggregate = SyncData.Aggregate(7);
        aggregate["currentDomain"] = "evil\0.example";

        var response = await client.SyncAsync(SyncData.Batch([repaired, kept], [aggregate]));
        var receipt = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
        Assert.Equal(1, receipt["tabAggregates"]!["inserted"]!.GetValue<int>());
        var notes = receipt["repaired"]!.AsArray().SelectMany(r => r!["repairs"]!.AsArray())
            .Select(e => (e!["field"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [("title", "'title' held a NUL character; it is stored as U+FFFD."), ("currentDomain", "'currentDomain' held a NUL character; it is stored as U+FFFD.")],
            notes);
        Assert.Equal("before\uFFFDafter", (await StoredVisit(client, repaired["id"]!.GetValue<string>()))["title"]!.GetValue<string>());
        Assert.Equal("json\0text", (await StoredVisit(client, kept["id"]!.GetValue<string>()))["metadata"]!["description"]!.GetValue<string>());
        Assert.Equal("evil\uFFFD.example", (await client.ReadAllAsync("/api/v1/data/tab-aggregates", 10))[0]["currentDomain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_RecordsNestingDeeperThanTheLimit_AreRefusedAloneAndTheirNeighboursStored()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var deepVisit = SyncData.Visit(2);
        deepVisit["metadata"] = SyncData.Nested(400);
        var deepAggregate = SyncData.Aggregate(2);
        deepAggregate["domainDurations"] = SyncData.Nested(30);

        var response = await client.SyncAsync(SyncData.Batch(
            [SyncData.Visit(1), deepVisit, SyncData.Visit(3)], [SyncData.Aggregate(1), deepAggregate]));
        var receipt = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((2, 1), (receipt["pageVisits"]!["inserted"]!.GetValue<int>(), receipt["pageVisits"]!["rejected"]!.GetValue<int>()));
        Assert.Equal((1, 1), (receipt["tabAggregates"]!["inserted"]!.GetValue<int>(), receipt["tabAggregates"]!["rejected"]!.GetValue<int>()));
        Assert.Equal([("pageVisit", 1, "$"), ("tabAggregate", 1, "$")],
            receipt["rejected"]!.AsArray().Select(r => (r!["kind"]!.GetValue<string>(), r["index"]!.GetValue<int>(), r["errors"]![0]!["field"]!.GetValue<string>())));
        Assert.Equal(2, Visits);
        Assert.Equal(1, Aggregates);
    }

    [Fact]
    public async Task Sync_RepairedRecords_AreListedInTheReceipt()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var cutEmoji = SyncData.Visit(2);
        cutEmoji["title"] = "Unicorns 🦄 and half a " + SyncData.LoneSurrogate;
        var nulAndLone = SyncData.Visit(3);
        nulAndLone["title"] = "NUL\0here";
        nulAndLone["metadata"] = new JsonObject { [SyncData.LoneSurrogate] = "key" };
        var aggregate = SyncData.Aggregate(1);
        aggregate["currentDomain"] = SyncData.LoneSurrogate + ".example";
        var tooDeep = SyncData.Visit(4);
        tooDeep["metadata"] = SyncData.Nested(40);

        var response = await client.SyncAsync(SyncData.Batch([SyncData.Visit(1), cutEmoji, nulAndLone, tooDeep], [aggregate]).WithLoneSurrogates());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "syncId", "receivedAt");
        Assert.Equal(3, Visits);
        Assert.Equal(1, Aggregates);
    }
}
