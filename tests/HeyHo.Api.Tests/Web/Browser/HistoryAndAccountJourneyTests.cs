using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using Microsoft.Playwright;

namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>The issue's journey through History and Account in a real headless Chromium, with the API beside it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryAndAccountJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignUp_SyncedVisitsInHistory_Search_Insights_ExcludeADomain_EndASession_Export_DeleteTheAccount()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        var email = await fixture.SignUpAsync(page, displayName: "Grace");

        // The extension's side: a password-grant token for the same user, and records synced with it.
        using var api = new HttpClient { BaseAddress = fixture.BaseAddress };
        var tokens = await api.LoginAsync(email, WebJourney.Password);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var synced = await api.SyncAsync(SyncData.Batch([
            SignedInUser.Visit(1, "Lighthouse keeping handbook", "books.example"),
            SignedInUser.Visit(2, "Tide tables for the harbour", "sea.example"),
            SignedInUser.Visit(3, "Tracking pixel landing", "ads.example"),
            SignedInUser.Visit(4, "Another tracked page", "cdn.ads.example"),
        ]));
        Assert.Equal(HttpStatusCode.OK, synced.StatusCode);

        await Nav(page, "History").ClickAsync();
        await WebJourney.ArriveAsync(page, At("/history"));
        var visits = page.GetByTestId("visits").Locator("li");
        await Assertions.Expect(visits).ToHaveCountAsync(4);
        await Assertions.Expect(visits.First).ToContainTextAsync("Another tracked page"); // newest first
        await Screenshots.SaveAsync(page, "web-history");

        // Search by a word of a title, submitted from the keyboard.
        await page.GetByLabel("Search titles and addresses").FillAsync("lighthouse");
        await page.GetByLabel("Search titles and addresses").PressAsync("Enter");
        await WebJourney.ArriveAsync(page, url => new Uri(url).Query.Contains("q=lighthouse", StringComparison.Ordinal));
        await Assertions.Expect(visits).ToHaveCountAsync(1);
        await Assertions.Expect(visits.First).ToContainTextAsync("Lighthouse keeping handbook");

        // Insights for the day of those visits: the charts and tables show what the insights API answers.
        await Nav(page, "Insights").ClickAsync();
        await InsightsJourney.OpenInsightsAsync(page, "2025-11-24", "2025-11-24", "UTC");
        await InsightsJourney.AssertInsightsMatchApiAsync(page, api);
        var summary = await api.GetFromJsonAsync<JsonObject>("/api/v1/insights/summary?from=2025-11-24&to=2025-11-24&tz=UTC");
        Assert.Equal(4, summary!["current"]!["visits"]!.GetValue<int>());

        // Exclude a domain on the privacy page: its visits (subdomains too) are gone from History.
        await Nav(page, "Account").ClickAsync();
        await WebJourney.ArriveAsync(page, At("/account"));
        await Screenshots.SaveAsync(page, "web-account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy", Exact = true }).ClickAsync();
        await page.GetByLabel("Excluded domains").FillAsync("ads.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the privacy settings" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 page visits");
        await page.GotoAsync("/history");
        await Assertions.Expect(visits).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("visits")).Not.ToContainTextAsync("ads.example");

        // End another session (a password-grant login from Firefox) on the sessions page: its refresh token is refused.
        var firefox = await fixture.Factory.CreateClient().LoginFromAsync(email, SessionApi.Firefox, WebJourney.Password);
        await page.GotoAsync("/account/sessions");
        var firefoxRow = page.GetByTestId("sessions").Locator("li", new() { HasText = "Firefox" });
        await firefoxRow.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 session ended.");
        await Assertions.Expect(page.GetByTestId("sessions")).Not.ToContainTextAsync("Firefox");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.RefreshGrantAsync(firefox.RefreshToken)).StatusCode);

        // Export: a download of the user's records as NDJSON.
        await page.GetByRole(AriaRole.Link, new() { Name = "Your data" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the export" }).ClickAsync());
        Assert.Matches(@"^heyho-export-\d{4}-\d{2}-\d{2}\.ndjson$", download.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.All(lines, line => System.Text.Json.JsonDocument.Parse(line).Dispose());
        Assert.Contains(email, lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Lighthouse keeping handbook", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Tide tables for the harbour", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("ads.example", StringComparison.Ordinal) && l.Contains("Tracking", StringComparison.Ordinal));

        // Delete the account with the password: signed out, and signing in fails.
        await page.GetByLabel("Your password, to confirm").FillAsync(WebJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account and all its data" }).ClickAsync();
        await WebJourney.ArriveAsync(page, WebJourney.SignInPage);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("have been deleted");
        await WebJourney.SignInAsync(page, email, WebJourney.Password);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is invalid.");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task HistoryAndAccount_AtPhoneWidth_NoHorizontalScroll_FormsReachableByKeyboard()
    {
        await using var browser = await fixture.NewPageAsync(width: 360, height: 740);
        var page = browser.Page;
        await fixture.SignUpAsync(page);

        foreach (var path in new[] { "/history", "/account", "/account/sessions", "/account/privacy", "/account/data" })
        {
            await page.GotoAsync(path);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways");
            var unlabelled = await page.EvaluateAsync<int>(
                "[...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')].filter(e => !e.labels || e.labels.length === 0).length");
            Assert.Equal(0, unlabelled);
        }

        await page.GotoAsync("/account");
        await page.GetByLabel("Display name").FocusAsync();
        await page.Keyboard.TypeAsync("Keys");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your profile is saved.");
        await Assertions.Expect(page.GetByLabel("Display name")).ToHaveValueAsync("Keys");
        Assert.Empty(browser.CspViolations);
    }

    private static ILocator Nav(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static Func<string, bool> At(string path) => url => new Uri(url).AbsolutePath == path;
}
