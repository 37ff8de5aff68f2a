using HeyHo.Api.Tests.Harness;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Features.Insights;

public sealed class GetHoursTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Hours_SevenWeekdaysMondayFirst_By24LocalHours_Snapshot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([
            Visit("mon", "docs.example", At("2026-10-05 09:15", "Asia/Tokyo"), 30 * Minute, 30 * Minute), // Monday 09
            Visit("wed", "docs.example", At("2026-10-07 22:30", "Asia/Tokyo"), 60 * Minute, 40 * Minute), // Wednesday 22 and 23
            Visit("sun", "news.example", At("2026-10-11 23:30", "Asia/Tokyo"), 60 * Minute, 60 * Minute), // Sunday 23, then past the range
        ]);

        var hours = await client.GetOkAsync("/api/v1/insights/hours?from=2026-10-05&to=2026-10-11&tz=Asia/Tokyo");

        Assert.Equal(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
            hours["weekdays"]!.AsArray().Select(w => w!.Text("day")));
        Assert.All(hours["weekdays"]!.AsArray(), w => Assert.Equal(24, w!["activeTime"]!.AsArray().Count));
        Assert.Equal([30 * Minute, 20 * Minute, 20 * Minute, 30 * Minute],
            [hours.Number("weekdays.0.activeTime.9"), hours.Number("weekdays.2.activeTime.22"), hours.Number("weekdays.2.activeTime.23"), hours.Number("weekdays.6.activeTime.23")]);
        Snapshots.MatchJson(hours.ToJsonString());
    }
}
