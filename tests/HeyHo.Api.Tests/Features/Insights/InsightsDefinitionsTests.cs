using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Features.Insights;

/// <summary>
/// The definitions of docs/insights.md, checked against hand-computed figures: local days and hours (DST included),
/// how a visit's time is split and clipped, which durations count, and how tab aggregates add time without counting
/// it twice. Also what every insights endpoint shares: the range, the zone, the token, the caller's data only.
/// </summary>
public sealed class InsightsDefinitionsTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string> Endpoints => new("summary", "domains", "daily", "hours", "recent");

    [Fact]
    public async Task Daily_VisitCrossingLocalMidnight_IsSplitAtMidnightInTheZone()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([Visit("m1", "a.example", At("2026-06-10 23:30", "Europe/Berlin"), 60 * Minute, 40 * Minute)]);

        var berlin = await client.GetOkAsync("/api/v1/insights/daily?from=2026-06-10&to=2026-06-11&tz=Europe/Berlin");
        var utc = await client.GetOkAsync("/api/v1/insights/daily?from=2026-06-10&to=2026-06-11&tz=UTC");

        // 23:30–00:30 local: half the time and half the active time on each side of midnight; the visit on the day it began.
        Assert.Equal([1, 30 * Minute, 20 * Minute], Figures(berlin, "days.0"));
        Assert.Equal([0, 30 * Minute, 20 * Minute], Figures(berlin, "days.1"));
        // 21:30–22:30 UTC: all on one day.
        Assert.Equal([1, 60 * Minute, 40 * Minute], Figures(utc, "days.0"));
        Assert.Equal([0, 0, 0], Figures(utc, "days.1"));
        var hours = await client.GetOkAsync("/api/v1/insights/hours?from=2026-06-10&to=2026-06-11&tz=Europe/Berlin");
        Assert.Equal(20 * Minute, hours.Number("weekdays.2.activeTime.23")); // Wednesday 23:00
        Assert.Equal(20 * Minute, hours.Number("weekdays.3.activeTime.0")); // Thursday 00:00
    }

    [Fact]
    public async Task DailyAndHours_BerlinSpringForward_TheDayHas23HoursAndNoHourTwo()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        // 2026-03-29 in Berlin: 02:00 CET jumps to 03:00 CEST. A 24-hour visit from local midnight ends at 01:00 on the 30th.
        await client.SyncAllAsync([Visit("dst", "a.example", At("2026-03-29 00:00", "Europe/Berlin"), 24 * Hour, 12 * Hour)]);

        var daily = await client.GetOkAsync("/api/v1/insights/daily?from=2026-03-29&to=2026-03-30&tz=Europe/Berlin");
        var hours = await client.GetOkAsync("/api/v1/insights/hours?from=2026-03-29&to=2026-03-30&tz=Europe/Berlin");

        Assert.Equal([1, 23 * Hour, 23 * Hour / 2], Figures(daily, "days.0"));
        Assert.Equal([0, 1 * Hour, Hour / 2], Figures(daily, "days.1"));
        var sunday = Row(hours, 6);
        Assert.Equal([30 * Minute, 30 * Minute, 0, .. Enumerable.Repeat(30 * Minute, 21)], sunday);
        Assert.Equal([30 * Minute, .. Enumerable.Repeat(0L, 23)], Row(hours, 0));
    }

    [Fact]
    public async Task DailyAndHours_NewYorkFallBack_TheDayHas25HoursAndHourOneCountsTwice()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        // 2026-11-01 in New York: 02:00 EDT goes back to 01:00 EST, so local hour 1 lasts two hours.
        var midnight = At("2026-11-01 00:00", "America/New_York");
        await client.SyncAllAsync([
            Visit("a", "a.example", midnight, 24 * Hour, 24 * Hour), // ends at 23:00 local (EST)
            Visit("b", "b.example", midnight + (24 * Hour), 2 * Hour, 1 * Hour), // 23:00 to 01:00 the next day
        ]);

        var daily = await client.GetOkAsync("/api/v1/insights/daily?from=2026-11-01&to=2026-11-02&tz=America/New_York");
        var hours = await client.GetOkAsync("/api/v1/insights/hours?from=2026-11-01&to=2026-11-02&tz=America/New_York");

        Assert.Equal([2, 25 * Hour, (24 * Hour) + (30 * Minute)], Figures(daily, "days.0"));
        Assert.Equal([0, 1 * Hour, 30 * Minute], Figures(daily, "days.1"));
        Assert.Equal([Hour, 2 * Hour, .. Enumerable.Repeat(Hour, 21), 30 * Minute], Row(hours, 6));
        Assert.Equal([30 * Minute, .. Enumerable.Repeat(0L, 23)], Row(hours, 0));
    }

    [Fact]
    public async Task Daily_TokyoAndUtc_PutTheSameVisitsOnTheirOwnLocalDays()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([
            Visit("t1", "a.example", At("2026-05-12 10:00"), 30 * Minute, 20 * Minute), // Tokyo 19:00 on the 12th
            Visit("t2", "a.example", At("2026-05-12 20:00"), 30 * Minute, 10 * Minute), // Tokyo 05:00 on the 13th
        ]);

        var utc = await client.GetOkAsync("/api/v1/insights/daily?from=2026-05-12&to=2026-05-13&tz=UTC");
        var tokyo = await client.GetOkAsync("/api/v1/insights/daily?from=2026-05-12&to=2026-05-13&tz=Asia/Tokyo");

        Assert.Equal([2, 60 * Minute, 30 * Minute], Figures(utc, "days.0"));
        Assert.Equal([0, 0, 0], Figures(utc, "days.1"));
        Assert.Equal([1, 30 * Minute, 20 * Minute], Figures(tokyo, "days.0"));
        Assert.Equal([1, 30 * Minute, 10 * Minute], Figures(tokyo, "days.1"));
    }

    [Fact]
    public async Task TabAggregate_NoVisitOfItsTabOverlaps_ItsDomainTimeCountsSpreadOverItsSpan()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync(
            [Visit("v1", "docs.example.net", At("2026-07-01 09:00"), 30 * Minute, 20 * Minute, tab: 1)],
            [Tab(9, At("2026-07-01 10:30"), At("2026-07-01 11:30"), ("docs.example.net", 20 * Minute), ("News.Example.com", 10 * Minute))]);

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-07-01&to=2026-07-01&tz=UTC");
        var hours = await client.GetOkAsync("/api/v1/insights/hours?from=2026-07-01&to=2026-07-01&tz=UTC");
        var daily = await client.GetOkAsync("/api/v1/insights/daily?from=2026-07-01&to=2026-07-01&tz=UTC");

        Assert.Equal(["docs.example.net", "news.example.com"], Domains(domains));
        Assert.Equal([1, 50 * Minute, 40 * Minute], Figures(domains, "items.0"));
        Assert.Equal([0, 10 * Minute, 10 * Minute], Figures(domains, "items.1"));
        var wednesday = Row(hours, 2);
        Assert.Equal([20 * Minute, 15 * Minute, 15 * Minute], wednesday[9..12]);
        Assert.Equal([1, 60 * Minute, 50 * Minute], Figures(daily, "days.0"));
    }

    [Fact]
    public async Task TabAggregate_AVisitOfTheSameTabOverlaps_ItsTimeIsNotCountedTwice()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync(
            [
                Visit("v3", "a.example", At("2026-07-01 10:10"), 20 * Minute, 15 * Minute, tab: 3), // inside tab 3's span
                Visit("v5", "b.example", At("2026-07-01 12:10"), 10 * Minute, 5 * Minute, tab: 5), // another tab: no overlap with tab 4
            ],
            [
                Tab(3, At("2026-07-01 10:00"), At("2026-07-01 11:00"), ("a.example", 40 * Minute)),
                Tab(4, At("2026-07-01 12:00"), At("2026-07-01 13:00"), ("b.example", 30 * Minute)),
            ]);

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-07-01&to=2026-07-01&tz=UTC");

        Assert.Equal(["b.example", "a.example"], Domains(domains));
        Assert.Equal([1, 40 * Minute, 35 * Minute], Figures(domains, "items.0"));
        Assert.Equal([1, 20 * Minute, 15 * Minute], Figures(domains, "items.1"));
    }

    [Fact]
    public async Task TabAggregate_OnlyAVisitFromTheSameBrowserHidesIt()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        static JsonObject From(string browser, JsonObject record)
        {
            record["anonymousClientId"] = browser;
            return record;
        }
        await client.SyncAllAsync(
            [
                // The 1st: tab 3 of this browser; a visit in tab 3 of another browser hides nothing.
                From("anon-laptop", Visit("l3", "a.example", At("2026-07-01 10:10"), 20 * Minute, 15 * Minute, tab: 3)),
                // The 2nd: aggregates from both browsers; the laptop's visit hides the laptop's aggregate only.
                From("anon-laptop", Visit("l4", "b.example", At("2026-07-02 12:10"), 10 * Minute, 5 * Minute, tab: 4)),
            ],
            [
                Tab(3, At("2026-07-01 10:00"), At("2026-07-01 11:00"), ("a.example", 40 * Minute)),
                Tab(4, At("2026-07-02 12:00"), At("2026-07-02 13:00"), ("b.example", 30 * Minute)),
                From("anon-laptop", Tab(4, At("2026-07-02 12:00"), At("2026-07-02 13:00"), ("b.example", 20 * Minute))),
            ]);

        var first = await client.GetOkAsync("/api/v1/insights/domains?from=2026-07-01&to=2026-07-01&tz=UTC");
        var second = await client.GetOkAsync("/api/v1/insights/domains?from=2026-07-02&to=2026-07-02&tz=UTC");

        Assert.Equal([1, 60 * Minute, 55 * Minute], Figures(first, "items.0"));
        Assert.Equal([1, 40 * Minute, 35 * Minute], Figures(second, "items.0"));
    }

    [Fact]
    public async Task TabAggregate_OddDomainDurations_AreIgnoredOrScaledToItsSpan()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var odd = Tab(1, At("2026-07-01 10:00"), At("2026-07-01 11:00"), ("a.example", 0), ("c.example", -3), ("", 5));
        odd["domainDurations"]!["a.example"] = "@@HUGE@@";
        odd["domainDurations"]!["b.example"] = "text";
        var tooMuch = Tab(2, At("2026-07-01 12:00"), At("2026-07-01 12:30"), ("d.example", 40 * Minute), ("e.example", 20 * Minute));
        var body = SyncData.Batch(aggregates: [odd, tooMuch]).ToJsonString().Replace("\"@@HUGE@@\"", "1e400", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.SyncAsync(body)).StatusCode);

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-07-01&to=2026-07-01&tz=UTC");

        // 1e400 ms is capped, then scaled down to the aggregate's hour; 60 minutes over a 30-minute span are halved.
        Assert.Equal(["a.example", "d.example", "e.example"], Domains(domains));
        Assert.Equal([0, 60 * Minute, 60 * Minute], Figures(domains, "items.0"));
        Assert.Equal([0, 20 * Minute, 20 * Minute], Figures(domains, "items.1"));
        Assert.Equal([0, 10 * Minute, 10 * Minute], Figures(domains, "items.2"));
    }

    [Fact]
    public async Task Range_VisitsCountByStart_TheirTimeOnlyInsideTheRange()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([
            Visit("before", "a.example", At("2026-08-09 23:30"), 60 * Minute, 60 * Minute), // 30 minutes reach into the 10th
            Visit("inside", "a.example", At("2026-08-10 12:00"), 10 * Minute, 10 * Minute),
            Visit("after", "a.example", At("2026-08-10 23:45"), 30 * Minute, 30 * Minute), // 15 minutes inside
        ]);

        var summary = await client.GetOkAsync("/api/v1/insights/summary?from=2026-08-10&to=2026-08-10&tz=UTC");

        Assert.Equal(2, summary.Number("current.visits"));
        Assert.Equal(55 * Minute, summary.Number("current.totalTime"));
        Assert.Equal(55 * Minute, summary.Number("current.activeTime"));
        Assert.Equal(1, summary.Number("previous.visits")); // the 9th
        Assert.Equal(30 * Minute, summary.Number("previous.totalTime"));
    }

    [Fact]
    public async Task Durations_FallBackToEndedAt_AndAreClampedToSaneBounds()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var ended = Visit("ended", "ended.example", At("2026-09-01 08:00"), null, 5 * Minute);
        ended["endedAt"] = At("2026-09-01 08:10");
        await client.SyncAllAsync([
            Visit("zero", "zero.example", At("2026-09-01 07:00"), null, 5 * Minute), // neither duration nor endedAt: no time
            ended,
            Visit("overactive", "overactive.example", At("2026-09-01 09:00"), 10 * Minute, 15 * Minute),
            Visit("absurd", "absurd.example", At("2026-09-01 00:00"), 30 * Hour, 30 * Hour),
        ]);

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-09-01&to=2026-09-02&tz=UTC");

        Assert.Equal(["absurd.example", "overactive.example", "ended.example", "zero.example"], Domains(domains));
        Assert.Equal([1, 24 * Hour, 24 * Hour], Figures(domains, "items.0"));
        Assert.Equal([1, 10 * Minute, 10 * Minute], Figures(domains, "items.1"));
        Assert.Equal([1, 10 * Minute, 5 * Minute], Figures(domains, "items.2"));
        Assert.Equal([1, 0, 0], Figures(domains, "items.3"));
    }

    [Fact]
    public async Task Domain_WithoutADomain_IsTheUrlsHostLowerCased()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var hostOnly = Visit("host", "ignored.example", At("2026-09-01 08:00"), 10 * Minute, 5 * Minute);
        hostOnly["domain"] = null;
        hostOnly["url"] = "https://Docs.Example.ORG/a?b=1";
        await client.SyncAllAsync([hostOnly, Visit("mixed", "MiXed.Example", At("2026-09-01 09:00"), 5 * Minute, 5 * Minute)]);

        var domains = await client.GetOkAsync("/api/v1/insights/domains?from=2026-09-01&to=2026-09-01&tz=UTC");

        Assert.Equal(["docs.example.org", "mixed.example"], Domains(domains));
    }

    [Fact]
    public async Task Figures_AddUp_AcrossSummaryDailyHoursAndDomains()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var start = At("2026-03-27 22:00", "Europe/Berlin");
        await client.SyncAllAsync(
            Enumerable.Range(0, 40).Select(n => Visit($"v{n}", $"site{n % 3}.example", start + (n * 97 * Minute), (n % 7 * 31 * Minute) + 1234, n % 5 * 17 * Minute, tab: n)),
            [Tab(99, start + (5 * Hour), start + (9 * Hour), ("tab.example", 77 * Minute))]);
        const string Range = "from=2026-03-28&to=2026-03-30&tz=Europe/Berlin";

        var summary = await client.GetOkAsync($"/api/v1/insights/summary?{Range}");
        var daily = await client.GetOkAsync($"/api/v1/insights/daily?{Range}");
        var hours = await client.GetOkAsync($"/api/v1/insights/hours?{Range}");
        var domains = await client.GetOkAsync($"/api/v1/insights/domains?{Range}&limit=100");

        var days = daily["days"]!.AsArray();
        Assert.Equal(summary.Number("current.visits"), days.Sum(d => d!.Number("visits")));
        Assert.Equal(summary.Number("current.totalTime"), days.Sum(d => d!.Number("totalTime")));
        Assert.Equal(summary.Number("current.activeTime"), days.Sum(d => d!.Number("activeTime")));
        Assert.Equal(summary.Number("current.activeTime"), Enumerable.Range(0, 7).Sum(d => Row(hours, d).Sum()));
        Assert.Equal(summary.Number("current.totalTime"), domains["items"]!.AsArray().Sum(d => d!.Number("totalTime")));
        Assert.Equal(4, domains.Number("domains"));
    }

    [Fact]
    public async Task WorkedExample_GivesTheFiguresOfDocsInsights()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var v2 = Visit("v2", "ignored", At("2026-03-29 00:50"), 20 * Minute, 10 * Minute, tab: 2);
        v2["domain"] = null;
        v2["url"] = "https://News.Example.com/x";
        await client.SyncAllAsync(
            [Visit("v1", "a.example", At("2026-03-28 22:30"), 60 * Minute, 40 * Minute, tab: 1), v2],
            [
                Tab(1, At("2026-03-28 22:00"), At("2026-03-28 23:00"), ("a.example", 50 * Minute)),
                Tab(7, At("2026-03-29 08:00"), At("2026-03-29 09:00"), ("docs.example", 30 * Minute)),
            ]);
        const string Range = "from=2026-03-29&to=2026-03-29&tz=Europe/Berlin";

        var daily = await client.GetOkAsync($"/api/v1/insights/daily?{Range}");
        var hours = await client.GetOkAsync($"/api/v1/insights/hours?{Range}");
        var domains = await client.GetOkAsync($"/api/v1/insights/domains?{Range}");
        var summary = await client.GetOkAsync($"/api/v1/insights/summary?{Range}");

        Assert.Equal([1, 4_800_000, 3_600_000], Figures(daily, "days.0"));
        long[] sunday = [1_200_000, 300_000, 0, 300_000, 0, 0, 0, 0, 0, 0, 1_800_000, .. Enumerable.Repeat(0L, 13)];
        Assert.Equal(sunday, Row(hours, 6));
        Assert.Equal(["docs.example", "a.example", "news.example.com"], Domains(domains));
        Assert.Equal([[0, 1_800_000, 1_800_000], [0, 1_800_000, 1_200_000], [1, 1_200_000, 600_000]],
            [Figures(domains, "items.0"), Figures(domains, "items.1"), Figures(domains, "items.2")]);
        Assert.Equal([0.5, 0.3333, 0.1667], domains["items"]!.AsArray().Select(i => i!["share"]!.GetValue<double>()));
        Assert.Equal("""{"visits":1,"domains":3,"totalTime":4800000,"activeTime":3600000,"engagement":0.75,"topDomain":"docs.example"}""",
            summary["current"]!.ToJsonString());
        Assert.Equal("""{"visits":1,"domains":1,"totalTime":1800000,"activeTime":1200000,"engagement":0.6667,"topDomain":"a.example"}""",
            summary["previous"]!.ToJsonString());
        Assert.Equal("""{"visits":{"absolute":0,"percent":0},"domains":{"absolute":2,"percent":200},"totalTime":{"absolute":3000000,"percent":166.7},"activeTime":{"absolute":2400000,"percent":200},"engagement":{"absolute":0.0833,"percent":12.5}}""",
            summary["change"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutTimeZone_UsesTheProfilesZone_ElseUtc(string endpoint)
    {
        var (client, _, userId) = await _factory.SignedInUserAsync();

        var none = await client.GetOkAsync($"/api/v1/insights/{endpoint}");
        await _factory.SetTimeZoneAsync(userId, "Asia/Tokyo");
        var stored = await client.GetOkAsync($"/api/v1/insights/{endpoint}");
        var given = await client.GetOkAsync($"/api/v1/insights/{endpoint}?tz=America/New_York");

        Assert.Equal("UTC", none.Text("timeZone"));
        Assert.Equal("Asia/Tokyo", stored.Text("timeZone"));
        Assert.Equal("America/New_York", given.Text("timeZone"));
    }

    [Fact]
    public async Task Daily_ProfileZone_SplitsDaysThere()
    {
        var (client, _, userId) = await _factory.SignedInUserAsync();
        await client.SyncAllAsync([Visit("t2", "a.example", At("2026-05-12 20:00"), 30 * Minute, 10 * Minute)]);
        await _factory.SetTimeZoneAsync(userId, "Asia/Tokyo");

        var daily = await client.GetOkAsync("/api/v1/insights/daily?from=2026-05-12&to=2026-05-13");

        Assert.Equal([0, 0, 0], Figures(daily, "days.0"));
        Assert.Equal([1, 30 * Minute, 10 * Minute], Figures(daily, "days.1"));
    }

    [Fact]
    public async Task Range_Default_IsTheLastSevenLocalDaysEndingTodayInTheZone()
    {
        // The next 23:30 UTC (the fake clock only moves forward): already tomorrow in Tokyo.
        var now = _factory.Clock.GetUtcNow();
        var halfPastEleven = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddMinutes(-30), TimeSpan.Zero);
        _factory.Clock.SetUtcNow(halfPastEleven >= now ? halfPastEleven : halfPastEleven.AddDays(1));
        var today = DateOnly.FromDateTime(_factory.Clock.GetUtcNow().UtcDateTime);
        var (client, _, _) = await _factory.SignedInUserAsync();

        var utc = await client.GetOkAsync("/api/v1/insights/daily");
        var tokyo = await client.GetOkAsync("/api/v1/insights/daily?tz=Asia/Tokyo");
        var endingAt = await client.GetOkAsync("/api/v1/insights/daily?to=2026-01-10");
        var startingAt = await client.GetOkAsync("/api/v1/insights/daily?from=2026-01-10");

        Assert.Equal([$"{today.AddDays(-6):yyyy-MM-dd}", $"{today:yyyy-MM-dd}"], [utc.Text("from"), utc.Text("to")]);
        Assert.Equal([$"{today.AddDays(-5):yyyy-MM-dd}", $"{today.AddDays(1):yyyy-MM-dd}"], [tokyo.Text("from"), tokyo.Text("to")]);
        Assert.Equal(7, utc["days"]!.AsArray().Count);
        Assert.Equal(["2026-01-04", "2026-01-10"], [endingAt.Text("from"), endingAt.Text("to")]);
        Assert.Equal(["2026-01-10", "2026-01-16"], [startingAt.Text("from"), startingAt.Text("to")]);
    }

    [Theory]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("from=10.01.2026", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=1999-12-31&to=2000-01-01", "from")]
    [InlineData("from=2026-03-02&to=2026-03-01", "from")]
    [InlineData("from=2025-01-01&to=2026-01-02", "to")]
    [InlineData("tz=Mars/Olympus", "tz")]
    [InlineData("tz=W.%20Europe%20Standard%20Time", "tz")]
    [InlineData("tz=%2B02:00", "tz")]
    public async Task Range_Invalid_Is400NamingTheParameter(string query, string field)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/insights/daily?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task Range_366Days_IsAccepted()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var daily = await client.GetOkAsync("/api/v1/insights/daily?from=2024-01-01&to=2024-12-31");

        Assert.Equal(366, daily["days"]!.AsArray().Count);
    }

    [Fact]
    public async Task Range_Invalid_Snapshot()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync("/api/v1/insights/summary?from=2026-03-02&to=2025-03-01&tz=Mars/Olympus");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "traceId");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_UnknownTimeZone_Is400UnderTz(string endpoint)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/insights/{endpoint}?tz=Europe/Atlantis");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["tz"], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_OtherUsersData_NeverAppears(string endpoint)
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        var url = $"/api/v1/insights/{endpoint}?from=2026-07-01&to=2026-07-07&tz=UTC";
        var aliceBefore = (await alice.GetOkAsync(url)).ToJsonString();
        var bobBefore = (await bob.GetOkAsync(url)).ToJsonString();

        await alice.SyncAllAsync(
            [Visit("secret", "alice.example", At("2026-07-02 10:00"), 10 * Minute, 5 * Minute, tab: 7)],
            [Tab(8, At("2026-07-03 10:00"), At("2026-07-03 11:00"), ("alice-tab.example", 10 * Minute))]);

        Assert.NotEqual(aliceBefore, (await alice.GetOkAsync(url)).ToJsonString());
        Assert.Equal(bobBefore, (await bob.GetOkAsync(url)).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_WithoutToken_Is401(string endpoint)
    {
        var response = await _factory.CreateClient().GetAsync($"/api/v1/insights/{endpoint}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>[visits, totalTime, activeTime] of one row.</summary>
    private static long[] Figures(JsonNode answer, string row) =>
        [answer.Number($"{row}.visits"), answer.Number($"{row}.totalTime"), answer.Number($"{row}.activeTime")];

    private static long[] Row(JsonNode hours, int weekday) =>
        [.. hours["weekdays"]![weekday]!["activeTime"]!.AsArray().Select(h => h!.GetValue<long>())];

    private static string[] Domains(JsonNode answer) => [.. answer["items"]!.AsArray().Select(i => i!.Text("domain"))];
}
