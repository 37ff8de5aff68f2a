using HeyHo.Api.Tests.Harness;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Features.Insights;

public sealed class GetSummaryTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Summary_WeekAndTheWeekBefore_HandComputedFiguresAndChanges()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([
            Visit("c1", "news.example", At("2026-10-05 09:00"), 20 * Minute, 10 * Minute),
            Visit("c2", "docs.example", At("2026-10-06 14:00"), 40 * Minute, 30 * Minute),
            Visit("c3", "docs.example", At("2026-10-07 14:00"), 20 * Minute, 20 * Minute),
            Visit("c4", "video.example", At("2026-10-11 21:00"), 60 * Minute, 15 * Minute),
            Visit("p1", "docs.example", At("2026-09-29 10:00"), 30 * Minute, 15 * Minute),
            Visit("p2", "news.example", At("2026-10-01 08:00"), 30 * Minute, 15 * Minute),
        ]);

        var summary = await client.GetOkAsync("/api/v1/insights/summary?from=2026-10-05&to=2026-10-11&tz=UTC");

        // Current: 4 visits, 3 domains, 140 min, 75 min active (75/140 = 0.5357), docs.example has the most active time (50 min).
        // Previous (09-28 … 10-04): 2 visits, 2 domains, 60 min, 30 min active; docs and news tie on 15 min and 1 visit: by name.
        Assert.Equal([4, 3, 140 * Minute, 75 * Minute], [summary.Number("current.visits"), summary.Number("current.domains"),
            summary.Number("current.totalTime"), summary.Number("current.activeTime")]);
        Assert.Equal(0.5357, summary["current"]!["engagement"]!.GetValue<double>());
        Assert.Equal("docs.example", summary.Text("current.topDomain"));
        Assert.Equal(["2026-09-28", "2026-10-04", "docs.example"], [summary.Text("previousFrom"), summary.Text("previousTo"), summary.Text("previous.topDomain")]);
        Assert.Equal(133.3, summary["change"]!["totalTime"]!["percent"]!.GetValue<double>());
        Assert.Equal(7.1, summary["change"]!["engagement"]!["percent"]!.GetValue<double>());
        Snapshots.MatchJson(summary.ToJsonString());
    }

    [Fact]
    public async Task Summary_NothingBefore_PercentChangesAreNull()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([Visit("c1", "news.example", At("2026-10-05 09:00"), 20 * Minute, 10 * Minute)]);

        var summary = await client.GetOkAsync("/api/v1/insights/summary?from=2026-10-05&to=2026-10-11&tz=UTC");

        Assert.Equal(1, summary.Number("change.visits.absolute"));
        Assert.Null(summary["change"]!["visits"]!["percent"]);
        Assert.Null(summary["change"]!["engagement"]!["absolute"]);
        Assert.Null(summary["previous"]!["engagement"]);
        Assert.Null(summary["previous"]!["topDomain"]);
    }

    [Fact]
    public async Task Summary_NoData_Snapshot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var summary = await client.GetOkAsync("/api/v1/insights/summary?from=2026-10-05&to=2026-10-05&tz=Europe/Berlin");

        Snapshots.MatchJson(summary.ToJsonString());
    }
}
