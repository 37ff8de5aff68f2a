using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Privacy;

/// <summary>GET and PUT /api/v1/account/privacy, and the purge that adding an exclusion sets off.</summary>
public sealed class UpdatePrivacyTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private long VisitsOf(string userId) => _factory.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'");
    private long AggregatesOf(string userId) => _factory.Count($"SELECT COUNT(*) FROM \"TabAggregates\" WHERE \"UserId\" = '{userId}'");

    [Fact]
    public async Task GetPrivacy_NeverChosen_AnswersTheDefaults()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync(PrivacyData.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PutPrivacy_StoresNormalisedSettings_AndGetAndProfileShowThem()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PutPrivacyAsync(new
        {
            excludedDomains = new[] { "Example.COM.", " news.site.org ", "bücher.de", "example.com", "10.0.0.1" },
            stripQueryStrings = true,
            retentionDays = 30,
            timeZone = "Asia/Tokyo",
        });
        var answer = await response.ReadJsonAsync();
        var read = await (await client.GetAsync(PrivacyData.Path)).ReadJsonAsync();
        var profile = await (await client.GetAsync("/api/v1/account")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(answer.ToJsonString());
        answer.Remove("purged");
        Assert.Equal(answer.ToJsonString(), read.ToJsonString());
        Assert.Equal("Asia/Tokyo", profile["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutPrivacy_ReplacesTheWholeSettings()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.PutPrivacyAsync(new { excludedDomains = new[] { "a.org", "b.org" }, stripQueryStrings = true, retentionDays = 7, timeZone = "Europe/Berlin" });

        await client.PutPrivacyAsync(new { excludedDomains = new[] { "b.org" }, stripQueryStrings = false });
        var read = await (await client.GetAsync(PrivacyData.Path)).ReadJsonAsync();

        Assert.Equal("""{"excludedDomains":["b.org"],"stripQueryStrings":false,"retentionDays":null,"timeZone":null}""", read.ToJsonString());
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"ExcludedDomains\""));
    }

    [Fact]
    public async Task PutPrivacy_AddingAnExclusion_DeletesItsStoredRecords_AndSaysHowMany()
    {
        var (alice, _, aliceId) = await _factory.SignedInUserAsync();
        var (bob, _, bobId) = await _factory.SignedInUserAsync();
        var batch = SyncData.Batch(
            [
                PrivacyData.VisitOf(1, "example.com", "https://example.com/"),
                PrivacyData.VisitOf(2, "deep.www.example.com", "https://deep.www.example.com/"),
                PrivacyData.VisitOf(3, null, "https://m.example.com/stored-without-a-domain"),
                PrivacyData.VisitOf(4, "notexample.com", "https://notexample.com/"),
                PrivacyData.VisitOf(5, null, "https://example.org/"),
            ],
            [
                PrivacyData.AggregateOf(1, "example.com"),
                PrivacyData.AggregateOf(2, "docs.example.net", visited: ["mail.example.com"]),
                PrivacyData.AggregateOf(3, "docs.example.net", mostVisited: "example.com"),
                PrivacyData.AggregateOf(4, "notexample.com", visited: ["example.org"]),
            ]);
        await alice.SyncAsync(batch);
        await bob.SyncAsync(batch);
        await alice.ExcludeAsync("other.org");

        var answer = await alice.ExcludeAsync("other.org", "example.com");

        Assert.Equal("""{"pageVisits":3,"tabAggregates":3}""", answer["purged"]!.ToJsonString());
        Assert.Equal(["https://example.org/", "https://notexample.com/"], await alice.StoredUrlsAsync());
        Assert.Equal("notexample.com", (await alice.ReadAllAsync("/api/v1/data/tab-aggregates", 10)).Single()["currentDomain"]!.GetValue<string>());
        Assert.Equal((2L, 1L), (VisitsOf(aliceId), AggregatesOf(aliceId)));
        Assert.Equal((5L, 4L), (VisitsOf(bobId), AggregatesOf(bobId)));
    }

    [Fact]
    public async Task PutPrivacy_ExclusionsAlreadyStored_PurgeNothing_AndLiftingOneStoresItsRecordsAgain()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.ExcludeAsync("example.com");
        var visit = PrivacyData.VisitOf(1, "example.com", "https://example.com/");
        await client.SyncAsync(SyncData.Batch([visit]));
        _factory.Database.Execute(
            "INSERT INTO \"PageVisits\" (\"UserId\", \"Id\", \"Url\", \"Title\", \"Domain\", \"StartedAt\", \"ReceivedAt\", \"UpdatedAt\", \"Revision\") " +
            "SELECT \"Id\", 'planted', 'https://example.com/', '', 'example.com', 0, 0, 0, 1 FROM \"AspNetUsers\"");

        var again = await client.ExcludeAsync("example.com");
        var lifted = await client.ExcludeAsync();
        var receipt = await (await client.SyncAsync(SyncData.Batch([visit]))).ReadJsonAsync();

        Assert.Equal("""{"pageVisits":0,"tabAggregates":0}""", again["purged"]!.ToJsonString());
        Assert.Equal("""{"pageVisits":0,"tabAggregates":0}""", lifted["purged"]!.ToJsonString());
        Assert.Equal(1, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "missing list", """{"stripQueryStrings":false}""", "excludedDomains" },
        { "too many", $$"""{"excludedDomains":[{{string.Join(",", Enumerable.Range(0, 501).Select(i => $"\"d{i}.org\""))}}],"stripQueryStrings":false}""", "excludedDomains" },
        { "a URL", """{"excludedDomains":["ok.org","https://example.com"],"stripQueryStrings":false}""", "excludedDomains[1]" },
        { "a path", """{"excludedDomains":["example.com/path"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "a port", """{"excludedDomains":["example.com:8080"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "a wildcard", """{"excludedDomains":["*.example.com"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "an IPv6 literal", """{"excludedDomains":["[::1]"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "a space", """{"excludedDomains":["exa mple.com"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "an underscore", """{"excludedDomains":["my_host.com"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "a hyphen at a label's end", """{"excludedDomains":["bad-.com"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "an empty label", """{"excludedDomains":["a..com"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "empty", """{"excludedDomains":[""],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "null", """{"excludedDomains":[null],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "too long", $$"""{"excludedDomains":["{{string.Join(".", Enumerable.Repeat(new string('a', 63), 4))}}"],"stripQueryStrings":false}""", "excludedDomains[0]" },
        { "missing strip", """{"excludedDomains":[]}""", "stripQueryStrings" },
        { "retention 0", """{"excludedDomains":[],"stripQueryStrings":false,"retentionDays":0}""", "retentionDays" },
        { "retention 3651", """{"excludedDomains":[],"stripQueryStrings":false,"retentionDays":3651}""", "retentionDays" },
        { "unknown zone", """{"excludedDomains":[],"stripQueryStrings":false,"timeZone":"Mars/Olympus"}""", "timeZone" },
        { "Windows zone id", """{"excludedDomains":[],"stripQueryStrings":false,"timeZone":"W. Europe Standard Time"}""", "timeZone" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task PutPrivacy_Invalid_Is400NamingTheField_AndChangesNothing(string rule, string body, string field)
    {
        var (client, _, userId) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch([PrivacyData.VisitOf(1, "ok.org", "https://ok.org/")]));
        var before = await client.GetStringAsync(PrivacyData.Path);

        var response = await client.PutAsync(PrivacyData.Path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.ReadJsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, rule);
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(before, await client.GetStringAsync(PrivacyData.Path));
        Assert.Equal(1, VisitsOf(userId));
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"PrivacySettings\""));
    }

    [Fact]
    public async Task PutPrivacy_InvalidDomains_ProblemDetails()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PutPrivacyAsync(new { excludedDomains = new[] { "ok.org", "https://example.com/" }, stripQueryStrings = false, retentionDays = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "traceId");
    }

    [Fact]
    public async Task Privacy_IsEachUsersOwn()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();

        await alice.PutPrivacyAsync(new { excludedDomains = new[] { "example.com" }, stripQueryStrings = true, retentionDays = 30, timeZone = "Asia/Tokyo" });

        Assert.Equal("""{"excludedDomains":[],"stripQueryStrings":false,"retentionDays":null,"timeZone":null}""",
            (await (await bob.GetAsync(PrivacyData.Path)).ReadJsonAsync()).ToJsonString());
    }

    [Fact]
    public async Task Privacy_WithoutToken_Is401()
    {
        var anonymous = _factory.CreateClient();

        var get = await anonymous.GetAsync(PrivacyData.Path);
        var put = await anonymous.PutAsJsonAsync(PrivacyData.Path, new { excludedDomains = Array.Empty<string>(), stripQueryStrings = false });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (get.StatusCode, put.StatusCode));
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"PrivacySettings\""));
    }
}
