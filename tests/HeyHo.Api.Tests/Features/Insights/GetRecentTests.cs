using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Features.Insights;

public sealed class GetRecentTests : IDisposable
{
    private const string Range = "from=2026-10-07&to=2026-10-07&tz=UTC";

    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static readonly JsonObject[] Morning =
    [
        Visit("r1", "a.example", At("2026-10-07 09:00"), 10 * Minute, 5 * Minute),
        Visit("r2", "b.example", At("2026-10-07 09:15"), 10 * Minute, 10 * Minute), // 5 minutes after r1 ended
        Visit("r3", "a.example", At("2026-10-07 10:00"), 5 * Minute, 5 * Minute), // 35 minutes after r2 ended: a new session
        Visit("r4", "c.example", At("2026-10-07 10:20"), 20 * Minute, 15 * Minute), // 15 minutes after r3 ended
        Visit("r5", "a.example", At("2026-10-07 12:00"), 1 * Minute, 1 * Minute),
    ];

    [Fact]
    public async Task Recent_APauseOf30MinutesOrMore_StartsANewSession_NewestFirst_Snapshot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync(Morning);

        var recent = await client.GetOkAsync($"/api/v1/insights/recent?{Range}");

        Assert.Equal([["r5"], ["r4", "r3"], ["r2", "r1"]], Sessions(recent));
        Assert.Equal([1, 2, 2], recent["sessions"]!.AsArray().Select(s => s!.Number("visitCount")));
        Assert.Equal(15 * Minute, recent.Number("sessions.2.activeTime"));
        Snapshots.MatchJson(recent.ToJsonString());
    }

    [Fact]
    public async Task Recent_Limit_TakesTheLatestVisits()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync(Morning);

        var recent = await client.GetOkAsync($"/api/v1/insights/recent?{Range}&limit=4");

        Assert.Equal([["r5"], ["r4", "r3"], ["r2"]], Sessions(recent));
    }

    [Fact]
    public async Task Recent_ALongVisit_KeepsItsSessionOpenUntilItEnds()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([
            Visit("long", "a.example", At("2026-10-07 13:00"), 60 * Minute, 30 * Minute), // until 14:00
            Visit("short", "b.example", At("2026-10-07 13:05"), 1 * Minute, 1 * Minute),
            Visit("later", "c.example", At("2026-10-07 14:20"), 1 * Minute, 1 * Minute), // 20 minutes after "long" ended
        ]);

        var recent = await client.GetOkAsync($"/api/v1/insights/recent?{Range}");

        Assert.Equal([["later", "short", "long"]], Sessions(recent));
        Assert.Equal("2026-10-07T14:21:00Z", recent.Text("sessions.0.end"));
    }

    [Fact]
    public async Task Recent_SessionGapSetting_IsHonoured()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Insights:SessionGapMinutes"] = "10" });
        var (client, _, _) = await factory.SignedInUserAsync();
        await client.SyncAllAsync(Morning);

        var recent = await client.GetOkAsync($"/api/v1/insights/recent?{Range}");

        Assert.Equal([["r5"], ["r4"], ["r3"], ["r2", "r1"]], Sessions(recent));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    public async Task Recent_BadLimit_Is400UnderLimit(string query)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/insights/recent?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["limit"], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    private static string[][] Sessions(JsonNode recent) => [.. recent["sessions"]!.AsArray()
        .Select(s => s!["visits"]!.AsArray().Select(v => v!.Text("id")).ToArray())];
}
