using HeyHo.Api.Tests.Features.Insights;
using Microsoft.Playwright;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>The Insights page in a real headless Chromium: the API's figures, the charts loaded, phone width, no CSP violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsPageTests(BrowserFixture fixture)
{
    private const string Zone = "Europe/Berlin";

    [Fact]
    public async Task Insights_RecordsSyncedThroughTheApi_PageShowsTheApisFigures_ChartsLoad()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        var email = await fixture.SignUpAsync(page);
        using var api = await fixture.ApiClientAsync(email);
        await api.SyncAllAsync([
            Visit("a", "docs.example", At("2026-10-05 09:10", Zone), 95 * Minute, 65 * Minute, tab: 1),
            Visit("b", "news.example", At("2026-10-06 23:30", Zone), 60 * Minute, 40 * Minute, tab: 2),
            Visit("c", "mail.example", At("2026-10-08 14:00", Zone), 30 * Minute, 25 * Minute, tab: 3),
            Visit("d", "docs.example", At("2026-10-10 20:45", Zone), 50 * Minute, 45 * Minute, tab: 1),
            Visit("e", "video.example", At("2026-10-01 18:00", Zone), 120 * Minute, 100 * Minute, tab: 4), // the previous range
        ]);

        await InsightsJourney.OpenInsightsAsync(page, "2026-10-05", "2026-10-11", Zone);

        await Assertions.Expect(page.GetByTestId("insights-range")).ToHaveAttributeAsync("data-tz", Zone);
        await Assertions.Expect(page.Locator("tr[data-figure=activeTime] td").First).ToHaveTextAsync("2 h 55 min"); // 65 + 40 + 25 + 45
        await Assertions.Expect(page.Locator("tr[data-figure=topDomain] td").First).ToHaveTextAsync("docs.example");
        await InsightsJourney.AssertInsightsMatchApiAsync(page, api);
        await page.GetByText("Active time per weekday and hour").ClickAsync();
        await Screenshots.SaveAsync(page, "web-insights");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task Insights_BadRange_ShowsTheMessage_AtPhoneWidthNothingOverflows()
    {
        await using var browser = await fixture.NewPageAsync(width: 375, height: 800);
        var page = browser.Page;
        var email = await fixture.SignUpAsync(page);
        using var api = await fixture.ApiClientAsync(email);

        await page.GotoAsync("/insights?from=2026-10-11&to=2026-10-05&tz=UTC");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("'from' must not be after 'to'.");
        await page.GotoAsync("/insights");
        await InsightsJourney.AssertInsightsMatchApiAsync(page, api); // the last 7 days in the profile's zone, empty

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        Assert.True(await page.EvaluateAsync<bool>("[...document.querySelectorAll('img.chart')].every(i => i.getBoundingClientRect().width <= window.innerWidth)"));
        await Screenshots.SaveAsync(page, "web-insights-phone");
        Assert.Empty(browser.CspViolations);
    }
}
