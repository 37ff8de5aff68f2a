using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

/// <summary>Every limit at its edge, and every whole-request fault storing nothing.</summary>
public sealed class SyncValidationTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private long StoredRows => _factory.Count("SELECT (SELECT COUNT(*) FROM \"PageVisits\") + (SELECT COUNT(*) FROM \"TabAggregates\") + (SELECT COUNT(*) FROM \"SyncReceipts\")");

    private async Task<JsonObject> SyncOneVisit(Action<JsonObject> change)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visit = SyncData.Visit(1);
        change(visit);
        var response = await client.SyncAsync(SyncData.Batch([visit]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static void AssertOutcome(JsonObject receipt, bool accepted, string? field = null)
    {
        Assert.Equal(accepted ? 1 : 0, receipt["pageVisits"]!["inserted"]!.GetValue<int>() + receipt["tabAggregates"]!["inserted"]!.GetValue<int>());
        Assert.Equal(accepted ? 0 : 1, receipt["rejected"]!.AsArray().Count);
        if (!accepted && field is not null)
        {
            Assert.Contains(receipt["rejected"]![0]!["errors"]!.AsArray(), e => e!["field"]!.GetValue<string>() == field);
        }
    }

    [Theory]
    [InlineData(128, true)]
    [InlineData(129, false)]
    [InlineData(0, false)]
    public async Task Id_Length_IsOneTo128(int length, bool accepted)
    {
        var id = new string('i', length);
        AssertOutcome(await SyncOneVisit(v => { v["id"] = id; v["visitId"] = id; }), accepted, "id");
    }

    [Theory]
    [InlineData(2048, true)]
    [InlineData(2049, false)]
    public async Task Url_Length_IsAtMost2048(int length, bool accepted)
    {
        const string prefix = "https://example.org/";
        AssertOutcome(await SyncOneVisit(v => v["url"] = prefix + new string('a', length - prefix.Length)), accepted, "url");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.org/")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public async Task Url_NotHttpOrHttps_IsRejected(string url) =>
        AssertOutcome(await SyncOneVisit(v => v["url"] = url), false, "url");

    [Theory]
    [InlineData(0, true)]
    [InlineData(1024, true)]
    [InlineData(1025, false)]
    public async Task Title_Length_IsAtMost1024(int length, bool accepted) =>
        AssertOutcome(await SyncOneVisit(v => v["title"] = new string('t', length)), accepted, "title");

    [Theory]
    [InlineData(32 * 1024, true)]
    [InlineData((32 * 1024) + 1, false)]
    public async Task Metadata_Size_IsAtMost32KiB(int bytes, bool accepted)
    {
        const int overhead = 8; // {"d":""}
        AssertOutcome(await SyncOneVisit(v => v["metadata"] = new JsonObject { ["d"] = new string('m', bytes - overhead) }), accepted, "metadata");
    }

    [Theory]
    [InlineData(29, true)] // with the body, the request and the record around it: 32 levels
    [InlineData(30, false)]
    public async Task Metadata_Nesting_IsAtMost32LevelsFromTheRoot(int depth, bool accepted) =>
        AssertOutcome(await SyncOneVisit(v => v["metadata"] = SyncData.Nested(depth)), accepted, "$");

    [Fact]
    public async Task Metadata_NotAnObject_IsRejected() =>
        AssertOutcome(await SyncOneVisit(v => v["metadata"] = new JsonArray(1, 2)), false, "metadata");

    [Theory]
    [InlineData("engagementRate", 1.0, true)]
    [InlineData("engagementRate", 0.0, true)]
    [InlineData("engagementRate", 1.0001, false)]
    [InlineData("engagementRate", -0.0001, false)]
    [InlineData("categoryConfidence", 1.0, true)]
    [InlineData("categoryConfidence", 1.5, false)]
    [InlineData("duration", 0.0, true)]
    [InlineData("duration", -1.0, false)]
    [InlineData("activeDuration", -1.0, false)]
    [InlineData("durationSeconds", -1.0, false)]
    public async Task Numbers_OutsideTheirRange_AreRejected(string field, double value, bool accepted) =>
        AssertOutcome(await SyncOneVisit(v => v[field] = value), accepted, field);

    [Theory]
    [InlineData(946684800000L, true)] // 2000-01-01T00:00:00Z
    [InlineData(946684799999L, false)]
    public async Task StartedAt_NotBefore2000(long startedAt, bool accepted) =>
        AssertOutcome(await SyncOneVisit(v => { v["startedAt"] = startedAt; v["timestamp"] = startedAt; v["endedAt"] = null; }), accepted, "startedAt");

    [Theory]
    [InlineData(-60_000L, true)]
    [InlineData(120_000L, false)]
    public async Task StartedAt_AtMostOneDayAhead(long offsetFromOneDayAhead, bool accepted)
    {
        var startedAt = _factory.Clock.GetUtcNow().ToUnixTimeMilliseconds() + 86_400_000L + offsetFromOneDayAhead;
        AssertOutcome(await SyncOneVisit(v => { v["startedAt"] = startedAt; v["timestamp"] = startedAt; v["endedAt"] = null; }), accepted, "startedAt");
    }

    [Theory]
    [InlineData(0L, true)]
    [InlineData(-1L, false)]
    public async Task EndedAt_NotBeforeStartedAt(long offset, bool accepted) =>
        AssertOutcome(await SyncOneVisit(v => v["endedAt"] = v["startedAt"]!.GetValue<long>() + offset), accepted, "endedAt");

    [Theory]
    [InlineData("url", 42)]
    [InlineData("tabId", "seven")]
    [InlineData("startedAt", true)]
    [InlineData("isActive", "yes")]
    public async Task WrongFieldType_RejectsOnlyThatRecord(string field, object value) =>
        AssertOutcome(await SyncOneVisit(v => { v[field] = JsonValue.Create(value); if (field == "startedAt") { v["timestamp"] = null; } }), false, field);

    [Theory]
    [InlineData(0L, true)]
    [InlineData(-1L, false)]
    public async Task TabAggregate_LastActiveTimeNotBeforeStartTime(long offset, bool accepted)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var aggregate = SyncData.Aggregate(1);
        aggregate["lastActiveTime"] = aggregate["startTime"]!.GetValue<long>() + offset;

        var receipt = await (await client.SyncAsync(SyncData.Batch(aggregates: [aggregate]))).ReadJsonAsync();

        AssertOutcome(receipt, accepted, "lastActiveTime");
    }

    [Fact]
    public async Task TabAggregate_WithoutAnyClientId_IsRejected()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var aggregate = SyncData.Aggregate(1);
        aggregate.Remove("anonymousClientId");

        var receipt = await (await client.SyncAsync(new JsonObject { ["tabAggregates"] = new JsonArray(aggregate) })).ReadJsonAsync();

        AssertOutcome(receipt, false, "anonymousClientId");
    }

    [Fact]
    public async Task RecordCount_1000IsAccepted()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var body = SyncData.Batch(Enumerable.Range(0, 600).Select(n => SyncData.Visit(n)), Enumerable.Range(0, 400).Select(n => SyncData.Aggregate(n)));

        var response = await client.SyncAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1000, _factory.Count("SELECT (SELECT COUNT(*) FROM \"PageVisits\") + (SELECT COUNT(*) FROM \"TabAggregates\")"));
    }

    [Fact]
    public async Task RecordCount_1001IsA400AndStoresNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var body = SyncData.Batch(Enumerable.Range(0, 601).Select(n => SyncData.Visit(n)), Enumerable.Range(0, 400).Select(n => SyncData.Aggregate(n)));

        var response = await client.SyncAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "traceId");
        Assert.Equal(0, StoredRows);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "truncated", """{"pageVisits":[{"id":"a" """ },
        { "not json", "hello" },
        { "empty", "" },
        { "array at top", "[]" },
        { "string at top", "\"pageVisits\"" },
        { "pageVisits not an array", """{"pageVisits":{"id":"a"}}""" },
        { "tabAggregates not an array", """{"tabAggregates":7}""" },
        { "client id not a string", """{"anonymousClientId":5,"pageVisits":[]}""" },
        { "envelope too deep", "{\"other\":" + string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40) + ",\"pageVisits\":[]}" },
        { "trailing garbage", """{"pageVisits":[]} x""" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedBody_Is400ProblemAndStoresNothing(string name, string body)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.SyncAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, StoredRows);
    }

    [Theory]
    [InlineData("anon\0")]
    [InlineData("anon" + SyncData.LoneSurrogate)]
    [InlineData("client-id-of-129-characters-ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc")]
    public async Task BatchClientId_NotStorable_Is400ValidationProblemAndStoresNothing(string clientId)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var batch = SyncData.Visits(2);
        batch["anonymousClientId"] = clientId;

        var response = await client.SyncAsync(batch.WithLoneSurrogates());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]!["anonymousClientId"]);
        Assert.Equal(0, StoredRows);
    }

    [Fact]
    public async Task MalformedJson_ProblemDetails()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.SyncAsync("{\"pageVisits\": [");

        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "traceId");
    }

    [Fact]
    public async Task InvalidUtf8_Is400()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var bytes = Encoding.UTF8.GetBytes("{\"pageVisits\":[{\"id\":\"x\",\"title\":\"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var response = await client.PostAsync("/api/v1/data/sync", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, StoredRows);
    }

    [Fact]
    public async Task BodyOverFiveMiB_Is413AndStoresNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visit = SyncData.Visit(1);
        visit["padding"] = new string('p', (5 * 1024 * 1024) + 1);

        var response = await client.SyncAsync(SyncData.Batch([visit]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, StoredRows);
    }

    [Fact]
    public async Task BodyOfExactlyFiveMiB_IsAccepted()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visit = SyncData.Visit(1);
        visit["padding"] = "";
        var withEmptyPadding = Encoding.UTF8.GetByteCount(SyncData.Batch([visit]).ToJsonString());
        visit["padding"] = new string('p', (5 * 1024 * 1024) - withEmptyPadding);
        var body = SyncData.Batch([visit]).ToJsonString();

        var response = await client.SyncAsync(body);

        Assert.Equal(5 * 1024 * 1024, Encoding.UTF8.GetByteCount(body)); // exactly at the limit
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task NotJson_Is415AndStoresNothing(string contentType)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.SyncAsync(SyncData.Visits(1).ToJsonString(), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, StoredRows);
    }

    [Fact]
    public async Task HostileButValidText_IsStoredAndReadBackExactly()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        // (A NUL is storable only inside JSON: StorableTextTests.)
        const string hostile = "'; DROP TABLE PageVisits; -- \"quoted\" <script>alert(1)</script> \u0001 🦄 \u202Eright-to-left\u202C \\ / \t";
        var visit = SyncData.Visit(1);
        visit["title"] = hostile;
        visit["metadata"] = new JsonObject { ["description"] = hostile + " \u0000 NUL" };

        await client.SyncAsync(SyncData.Batch([visit]));
        var stored = (await (await client.GetAsync("/api/v1/data/page-visits")).ReadJsonAsync())["items"]![0]!;

        Assert.Equal(hostile, stored["title"]!.GetValue<string>());
        Assert.Equal(hostile + " \u0000 NUL", stored["metadata"]!["description"]!.GetValue<string>());
    }
}
