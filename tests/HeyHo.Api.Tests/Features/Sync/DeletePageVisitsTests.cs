using System.Net;
using HeyHo.Api.Tests.Features.Privacy;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

/// <summary>DELETE /api/v1/data/page-visits?domain=&amp;from=&amp;to=: bulk deletes of the caller's visits.</summary>
public sealed class DeletePageVisitsTests : IDisposable
{
    private const string Path = "/api/v1/data/page-visits";
    private static readonly long Hour = 3_600_000;

    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static System.Text.Json.Nodes.JsonObject Visits() => SyncData.Batch(
        [
            PrivacyData.VisitOf(1, "example.com", "https://example.com/", SyncData.BaseTime),
            PrivacyData.VisitOf(2, "a.b.example.com", "https://a.b.example.com/", SyncData.BaseTime + Hour),
            PrivacyData.VisitOf(3, null, "https://c.example.com/", SyncData.BaseTime + (2 * Hour)),
            PrivacyData.VisitOf(4, "notexample.com", "https://notexample.com/", SyncData.BaseTime + (3 * Hour)),
            PrivacyData.VisitOf(5, "example.org", "https://example.org/", SyncData.BaseTime + (4 * Hour)),
        ]);

    [Fact]
    public async Task DeleteByDomain_TakesTheDomainAndItsSubdomains_AndAnswersTheCount()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(Visits());

        var response = await client.DeleteAsync($"{Path}?domain=Example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync());
        Assert.Equal(["https://example.org/", "https://notexample.com/"], await client.StoredUrlsAsync());
    }

    [Theory]
    [InlineData("from={0}&to={1}", new[] { "https://a.b.example.com/", "https://c.example.com/" })]
    [InlineData("from={0}", new[] { "https://a.b.example.com/", "https://c.example.com/", "https://example.org/", "https://notexample.com/" })]
    [InlineData("to={1}", new[] { "https://a.b.example.com/", "https://c.example.com/", "https://example.com/" })]
    [InlineData("from={0}&domain=example.com", new[] { "https://a.b.example.com/", "https://c.example.com/" })]
    public async Task DeleteByWindow_TakesStartedAtFromInclusiveToExclusive(string filter, string[] deleted)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(Visits());
        var all = await client.StoredUrlsAsync();
        var from = SyncData.BaseTime + Hour;
        var to = DateTimeOffset.FromUnixTimeMilliseconds(SyncData.BaseTime + (3 * Hour)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var answer = await (await client.DeleteAsync($"{Path}?{string.Format(System.Globalization.CultureInfo.InvariantCulture, filter, from, to)}")).ReadJsonAsync();

        Assert.Equal(deleted.Length, answer["deleted"]!.GetValue<long>());
        Assert.Equal(all.Except(deleted), await client.StoredUrlsAsync());
    }

    [Fact]
    public async Task DeleteByWindow_MoreThanABatch_DeletesThemAll()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        for (var first = 0; first < 2500; first += 1000)
        {
            await client.SyncAsync(SyncData.Visits(Math.Min(1000, 2500 - first), first));
        }

        var answer = await (await client.DeleteAsync($"{Path}?from=2000-01-01T00:00:00Z")).ReadJsonAsync();

        Assert.Equal(2500, answer["deleted"]!.GetValue<long>());
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Theory]
    [InlineData("", "domain")]
    [InlineData("?domain=", "domain")]
    [InlineData("?domain=https://example.com/", "domain")]
    [InlineData("?domain=*.example.com", "domain")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=May%205", "to")]
    [InlineData("?from=1764000000000&to=1764000000000", "to")]
    public async Task Delete_WithoutAUsableFilter_Is400AndDeletesNothing(string query, string field)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(Visits());

        var response = await client.DeleteAsync(Path + query);
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(5, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task Delete_NoFilter_ProblemDetails()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.DeleteAsync(Path);

        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "traceId");
    }

    [Fact]
    public async Task Delete_TakesOnlyTheCallersVisits()
    {
        var (alice, _, aliceId) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(Visits());
        await bob.SyncAsync(Visits());

        var byDomain = await (await bob.DeleteAsync($"{Path}?domain=example.com")).ReadJsonAsync();
        var byTime = await (await bob.DeleteAsync($"{Path}?from=2000-01-01T00:00:00Z")).ReadJsonAsync();

        Assert.Equal((3L, 2L), (byDomain["deleted"]!.GetValue<long>(), byTime["deleted"]!.GetValue<long>()));
        Assert.Equal(5, _factory.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{aliceId}'"));
        Assert.Equal(5, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task Delete_WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().DeleteAsync($"{Path}?domain=example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
