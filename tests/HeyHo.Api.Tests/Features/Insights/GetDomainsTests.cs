using System.Net;
using HeyHo.Api.Tests.Harness;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Features.Insights;

public sealed class GetDomainsTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>docs: 3 visits, 30 min, 15 active; video: 1 visit, 60 min, 40 active; news: 2 visits, 10 min, 10 active.</summary>
    private async Task<HttpClient> SignedInWithVisitsAsync()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([
            Visit("d1", "docs.example", At("2026-10-05 09:00"), 10 * Minute, 5 * Minute),
            Visit("d2", "docs.example", At("2026-10-06 09:00"), 10 * Minute, 5 * Minute),
            Visit("d3", "docs.example", At("2026-10-07 09:00"), 10 * Minute, 5 * Minute),
            Visit("v1", "video.example", At("2026-10-08 20:00"), 60 * Minute, 40 * Minute),
            Visit("n1", "news.example", At("2026-10-09 07:00"), 5 * Minute, 5 * Minute),
            Visit("n2", "news.example", At("2026-10-10 07:00"), 5 * Minute, 5 * Minute),
        ]);
        return client;
    }

    [Fact]
    public async Task Domains_ByTime_MostActiveFirst_ShareOfActiveTime_Snapshot()
    {
        var client = await SignedInWithVisitsAsync();

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-10-05&to=2026-10-11&tz=UTC");

        Assert.Equal(["video.example", "docs.example", "news.example"], domains["items"]!.AsArray().Select(i => i!.Text("domain")));
        Assert.Equal([0.6154, 0.2308, 0.1538], domains["items"]!.AsArray().Select(i => i!["share"]!.GetValue<double>()));
        Snapshots.MatchJson(domains.ToJsonString());
    }

    [Fact]
    public async Task Domains_ByVisits_MostVisitedFirst_ShareOfVisits()
    {
        var client = await SignedInWithVisitsAsync();

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-10-05&to=2026-10-11&tz=UTC&sortBy=visits");

        Assert.Equal("visits", domains.Text("sortBy"));
        Assert.Equal(["docs.example", "news.example", "video.example"], domains["items"]!.AsArray().Select(i => i!.Text("domain")));
        Assert.Equal([0.5, 0.3333, 0.1667], domains["items"]!.AsArray().Select(i => i!["share"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Domains_Limit_CutsTheListButNotTheCount()
    {
        var client = await SignedInWithVisitsAsync();

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-10-05&to=2026-10-11&tz=UTC&limit=2");

        Assert.Equal(2, domains["items"]!.AsArray().Count);
        Assert.Equal(3, domains.Number("domains"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("sortBy=title", "sortBy")]
    public async Task Domains_BadQuery_Is400NamingTheParameter(string query, string field)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/insights/domains?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }
}
