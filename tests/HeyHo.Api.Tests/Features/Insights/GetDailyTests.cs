using HeyHo.Api.Tests.Harness;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Features.Insights;

public sealed class GetDailyTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Daily_OneRowPerLocalDate_DaysWithoutVisitsAsZeros_Snapshot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([
            Visit("a", "docs.example", At("2026-10-06 09:00", "Europe/Berlin"), 30 * Minute, 20 * Minute),
            Visit("b", "docs.example", At("2026-10-06 10:00", "Europe/Berlin"), 10 * Minute, 10 * Minute),
            Visit("c", "news.example", At("2026-10-09 23:50", "Europe/Berlin"), 20 * Minute, 20 * Minute),
        ]);

        var daily = await client.GetOkAsync("/api/v1/insights/daily?from=2026-10-05&to=2026-10-11&tz=Europe/Berlin");

        Assert.Equal(7, daily["days"]!.AsArray().Count);
        Assert.Equal(["2026-10-05", "2026-10-11"], [daily.Text("days.0.date"), daily.Text("days.6.date")]);
        Snapshots.MatchJson(daily.ToJsonString());
    }
}
