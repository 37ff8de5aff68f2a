using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Web;

/// <summary>/history: the caller's visits through the list handler of GET /api/v1/data/page-visits, and the deletes.</summary>
public sealed class HistoryPageTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string?> Form(params (string Name, string? Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    [Fact]
    public async Task History_ListsOwnVisitsNewestFirst_InTheUsersZone_NeverAnotherUsers()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var bob = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync(SignedInUser.Visit(1, "Older <b>page</b>"), SignedInUser.Visit(2, "Newer page"));
        await bob.SyncAsync(SignedInUser.Visit(3, "Bob's secret page"));
        await ada.Api.PatchAsJsonAsync("/api/v1/account", new { displayName = (string?)null, timeZone = "Asia/Tokyo" });

        var (response, html) = await ada.Browser.GetAsync("/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(html.IndexOf("Newer page", StringComparison.Ordinal) < html.IndexOf("Older &lt;b&gt;page&lt;/b&gt;", StringComparison.Ordinal));
        Assert.DoesNotContain("<b>page</b>", html, StringComparison.Ordinal); // a title is text
        Assert.DoesNotContain("secret", html, StringComparison.Ordinal);
        var first = DateTimeOffset.FromUnixTimeMilliseconds(SyncData.BaseTime + 60_000).ToOffset(TimeSpan.FromHours(9));
        Assert.Contains($">{first:yyyy-MM-dd HH:mm}<", html, StringComparison.Ordinal);
        Assert.Contains("Times are in Asia/Tokyo.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_NoVisits_SaysSo()
    {
        var ada = await SignedInUser.CreateAsync(_factory);

        var (_, html) = await ada.Browser.GetAsync("/history");
        var (_, filtered) = await ada.Browser.GetAsync("/history?q=nothing");

        Assert.Contains("No visits yet.", html, StringComparison.Ordinal);
        Assert.Contains("No visit matches these filters.", filtered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_SearchDomainAndDates_FilterAsTheApi()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var day = TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond;
        await ada.SyncAsync(
            SignedInUser.Visit(1, "Marmalade recipes", "jam.example.com", SyncData.BaseTime),
            SignedInUser.Visit(2, "Tugboat schedules", "boats.example.com", SyncData.BaseTime + day),
            SignedInUser.Visit(3, "Tugboat repairs", "boats.example.com", SyncData.BaseTime + (2 * day)));
        var date = DateTimeOffset.FromUnixTimeMilliseconds(SyncData.BaseTime + day).ToString("yyyy-MM-dd");

        var (_, search) = await ada.Browser.GetAsync("/history?q=marmal");
        var (_, domain) = await ada.Browser.GetAsync("/history?domain=boats.example.com");
        var (_, dates) = await ada.Browser.GetAsync($"/history?from={date}&to={date}");

        Assert.Contains("Marmalade recipes", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Tugboat", search, StringComparison.Ordinal);
        Assert.Contains("Tugboat schedules", domain, StringComparison.Ordinal);
        Assert.Contains("Tugboat repairs", domain, StringComparison.Ordinal);
        Assert.DoesNotContain("Marmalade", domain, StringComparison.Ordinal);
        Assert.Contains("Tugboat schedules", dates, StringComparison.Ordinal);
        Assert.DoesNotContain("Tugboat repairs", dates, StringComparison.Ordinal);
        Assert.DoesNotContain("Marmalade", dates, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/history?q=a", "&#x27;q&#x27; needs a word of at least 2 characters.")]
    [InlineData("/history?from=yesterday", "&#x27;from&#x27; must be a date (yyyy-MM-dd).")]
    [InlineData("/history?cursor=not-a-cursor", "&#x27;cursor&#x27; is not a cursor this API issued.")]
    public async Task History_BadFilter_Is400WithTheMessage(string url, string message)
    {
        var ada = await SignedInUser.CreateAsync(_factory);

        var (response, html) = await ada.Browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_Paging_FollowsTheApisCursor()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync([.. Enumerable.Range(0, 55).Select(n => SignedInUser.Visit(n, $"Visit number {n:00}"))]);

        var (_, first) = await ada.Browser.GetAsync("/history");
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\">Older visits<").Groups[1].Value;
        var (_, second) = await ada.Browser.GetAsync(WebUtility.HtmlDecode(older));

        Assert.Contains("Visit number 54", first, StringComparison.Ordinal);
        Assert.Contains("Visit number 05", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Visit number 04", first, StringComparison.Ordinal);
        Assert.Contains("Visit number 04", second, StringComparison.Ordinal);
        Assert.Contains("Visit number 00", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Visit number 05", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Older visits", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteVisit_Own_IsGone_AndTheFiltersStay()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var visit = SignedInUser.Visit(1, "Delete me");
        await ada.SyncAsync(visit, SignedInUser.Visit(2, "Keep me"));
        await ada.Browser.GetAsync("/history?q=me");

        var (deleted, _) = await ada.Browser.PostAsync("/history?handler=Delete&q=me", Form(("id", visit["id"]!.GetValue<string>())));
        var (_, after) = await ada.Browser.GetAsync(deleted.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/history?q=me&deleted=1", deleted.Headers.Location!.OriginalString);
        Assert.Contains("1 visit deleted.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Delete me", after, StringComparison.Ordinal);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task DeleteVisit_AnotherUsers_Is404_AndStays()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var bob = await SignedInUser.CreateAsync(_factory);
        var visit = SignedInUser.Visit(1, "Bob's page");
        await bob.SyncAsync(visit);
        await ada.Browser.GetAsync("/history");

        var (response, html) = await ada.Browser.PostAsync("/history?handler=Delete", Form(("id", visit["id"]!.GetValue<string>())));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No page visit of yours has this id.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Bob&#x27;s page", html, StringComparison.Ordinal);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task DeleteDomain_DeletesItAndItsSubdomains_ShowsHowMany_OthersStay()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var bob = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync(
            SignedInUser.Visit(1, "One", "news.example"), SignedInUser.Visit(2, "Two", "www.news.example"), SignedInUser.Visit(3, "Three", "other.example"));
        await bob.SyncAsync(SignedInUser.Visit(4, "Bob's", "news.example"));
        var (_, page) = await ada.Browser.GetAsync("/history?domain=news.example");

        var (deleted, _) = await ada.Browser.PostAsync("/history?handler=DeleteDomain&domain=news.example", Form());
        var (_, after) = await ada.Browser.GetAsync(deleted.Headers.Location!.OriginalString);

        Assert.Contains("Delete all visits from news.example", page, StringComparison.Ordinal);
        Assert.Equal("/history?domain=news.example&deleted=2", deleted.Headers.Location!.OriginalString);
        Assert.Contains("2 visits deleted.", after, StringComparison.Ordinal);
        Assert.Equal(2, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task DeleteDomain_NotAHostName_Is400WithTheApisMessage_NothingDeleted()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync(SignedInUser.Visit(1, "One", "news.example"));
        await ada.Browser.GetAsync("/history");

        var (response, html) = await ada.Browser.PostAsync("/history?handler=DeleteDomain&domain=" + Uri.EscapeDataString("https://news.example/"), Form());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be a host name such as example.com", html, StringComparison.Ordinal);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Theory]
    [InlineData("/history?handler=Delete")]
    [InlineData("/history?handler=DeleteDomain&domain=news.example")]
    public async Task Post_WithoutAntiforgery_Is400_NothingDeleted(string url)
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var visit = SignedInUser.Visit(1, "One", "news.example");
        await ada.SyncAsync(visit);

        var (response, _) = await ada.Browser.PostAsync(url, Form(("id", visit["id"]!.GetValue<string>())), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }
}
