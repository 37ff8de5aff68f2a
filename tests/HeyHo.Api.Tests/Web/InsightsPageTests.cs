using System.Net;
using System.Text.RegularExpressions;
using HeyHo.Api.Tests.Harness;
using static HeyHo.Api.Tests.Features.Insights.InsightsData;

namespace HeyHo.Api.Tests.Web;

/// <summary>The Insights page and its chart images at HTTP level: signed in only, the API's figures, the API's refusals, only the caller's data.</summary>
public sealed partial class InsightsPageTests : IDisposable
{
    private const string Range = "from=2026-10-05&to=2026-10-11&tz=Europe/Berlin";
    private static readonly string[] Charts = ["daily", "domains", "hours"];

    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>A user with three visits in the week of <see cref="Range"/>, signed in through the pages, and their API client.</summary>
    private async Task<(WebForms Browser, HttpClient Api)> SignedInWithVisitsAsync(string email = "ada@example.com", string domain = "docs.example")
    {
        var anonymous = _factory.CreateClient();
        await anonymous.RegisterAsync(email, WebForms.StrongPassword);
        var api = _factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", (await anonymous.LoginAsync(email, WebForms.StrongPassword)).AccessToken);
        await api.SyncAllAsync([
            Visit($"{domain}-a", domain, At("2026-10-06 09:00", "Europe/Berlin"), 90 * Minute, 65 * Minute),
            Visit($"{domain}-b", domain, At("2026-10-06 23:30", "Europe/Berlin"), 60 * Minute, 40 * Minute),
            Visit($"{domain}-c", "news.example", At("2026-10-09 12:00", "Europe/Berlin"), 20 * Minute, 10 * Minute),
        ]);
        var browser = WebForms.Create(_factory);
        var (signedIn, _) = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (browser, api);
    }

    [Fact]
    public async Task Insights_Anonymous_RedirectsToSignInWithALocalReturnUrl()
    {
        using var browser = WebForms.Create(_factory);

        var (page, _) = await browser.GetAsync("/insights?" + Range);
        var (chart, _) = await browser.GetAsync("/insights/charts/daily.svg?" + Range);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/sign-in", page.Headers.Location!.AbsolutePath);
        Assert.Contains("returnUrl=%2Finsights", page.Headers.Location.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, chart.StatusCode);
    }

    [Fact]
    public async Task Insights_SignedIn_ShowsTheApisFigures_HumanReadable_WithExactMilliseconds()
    {
        var (browser, api) = await SignedInWithVisitsAsync();

        var (response, html) = await browser.GetAsync("/insights?" + Range);
        var summary = await api.GetOkAsync("/api/v1/insights/summary?" + Range);
        var daily = await api.GetOkAsync("/api/v1/insights/daily?" + Range);
        var domains = await api.GetOkAsync("/api/v1/insights/domains?limit=10&" + Range);
        var hours = await api.GetOkAsync("/api/v1/insights/hours?" + Range);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [summary.Number("current.visits").ToString(), summary.Number("previous.visits").ToString(), summary.Number("change.visits.absolute").ToString()],
            Row(html, "data-figure", "visits"));
        Assert.Equal(
            [summary.Number("current.activeTime").ToString(), summary.Number("previous.activeTime").ToString(), summary.Number("change.activeTime.absolute").ToString()],
            Row(html, "data-figure", "activeTime"));
        Assert.Equal("docs.example", Row(html, "data-figure", "topDomain")[0]);
        Assert.Equal(115 * Minute, summary.Number("current.activeTime")); // 65 + 40 + 10 minutes
        Assert.Contains("<td data-ms=\"6900000\">1 h 55 min</td>", html, StringComparison.Ordinal);
        foreach (var day in daily["days"]!.AsArray().Select(d => d!))
        {
            Assert.Equal([day.Number("visits").ToString(), day.Number("totalTime").ToString(), day.Number("activeTime").ToString()],
                Row(html, "data-date", day.Text("date")));
        }
        foreach (var item in domains["items"]!.AsArray().Select(i => i!))
        {
            Assert.Equal([item.Number("visits").ToString(), item.Number("totalTime").ToString(), item.Number("activeTime").ToString()],
                Row(html, "data-domain", item.Text("domain"))[..3]);
        }
        foreach (var weekday in hours["weekdays"]!.AsArray().Select(w => w!))
        {
            Assert.Equal(weekday["activeTime"]!.AsArray().Select(ms => ms!.GetValue<long>().ToString()), Row(html, "data-day", weekday.Text("day")));
        }
        foreach (var chart in Charts)
        {
            Assert.Contains($"src=\"/insights/charts/{chart}.svg?{Range.Replace("/", "%2F", StringComparison.Ordinal).Replace("&", "&amp;", StringComparison.Ordinal)}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Insights_WithoutARange_TheLastSevenDaysInTheProfilesZone_SelectedInThePicker()
    {
        var (browser, api) = await SignedInWithVisitsAsync();
        var updated = await api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/account") { Content = System.Net.Http.Json.JsonContent.Create(new { timeZone = "Asia/Tokyo" }) });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var (response, html) = await browser.GetAsync("/insights");
        var summary = await api.GetOkAsync("/api/v1/insights/summary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<option value=\"Asia/Tokyo\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.Contains($"data-from=\"{summary.Text("from")}\" data-to=\"{summary.Text("to")}\" data-tz=\"Asia/Tokyo\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tz=Mars/Olympus_Mons", "tz", "'tz' must be an IANA time zone id")]
    [InlineData("tz=W.%20Europe%20Standard%20Time", "tz", "'tz' must be an IANA time zone id")]
    [InlineData("from=2026-02-30", "from", "'from' must be a date")]
    [InlineData("from=2026-10-11&to=2026-10-05", "from", "'from' must not be after 'to'.")]
    [InlineData("from=2025-01-01&to=2026-10-05", "to", "may span at most 366 days")]
    public async Task Insights_BadRangeOrZone_400WithTheApisMessage_ChartsAnswer400(string query, string field, string message)
    {
        var (browser, api) = await SignedInWithVisitsAsync();

        var (response, html) = await browser.GetAsync("/insights?" + query);
        var fromApi = await api.GetAsync("/api/v1/insights/summary?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fromApi.StatusCode);
        var apiMessage = (await fromApi.ReadJsonAsync())["errors"]![field]![0]!.GetValue<string>();
        Assert.Contains(message, apiMessage, StringComparison.Ordinal);
        Assert.Contains($"id=\"f-{field}-error\">{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(apiMessage)}</p>", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"summary\"", html, StringComparison.Ordinal);
        foreach (var chart in Charts)
        {
            var (answer, text) = await browser.GetAsync($"/insights/charts/{chart}.svg?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Equal(apiMessage, text);
        }
    }

    [Fact]
    public async Task Charts_SignedIn_SvgWithoutScripts_NeverCached_UnknownChart404()
    {
        var (browser, _) = await SignedInWithVisitsAsync();

        foreach (var chart in Charts)
        {
            var (response, svg) = await browser.GetAsync($"/insights/charts/{chart}.svg?" + Range);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
            Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true }, response.Headers.CacheControl?.ToString());
            Assert.Matches(@"^(<\?xml[^>]*\?>\s*)?<svg ", svg);
            Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" on", Regex.Replace(svg, "\"[^\"]*\"", "\"\""), StringComparison.OrdinalIgnoreCase); // no event handler attributes
        }
        Assert.Contains("docs.example", (await browser.GetAsync("/insights/charts/domains.svg?" + Range)).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/insights/charts/secrets.svg?" + Range)).Response.StatusCode);
    }

    [Fact]
    public async Task InsightsAndCharts_ShowOnlyTheCallersData()
    {
        await SignedInWithVisitsAsync("grace@example.com", domain: "grace-only.example");
        var (browser, _) = await SignedInWithVisitsAsync("ada@example.com", domain: "ada-only.example");

        var (_, html) = await browser.GetAsync("/insights?" + Range);
        var (_, chart) = await browser.GetAsync("/insights/charts/domains.svg?" + Range);

        Assert.Contains("ada-only.example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("grace-only.example", html, StringComparison.Ordinal);
        Assert.Equal("3", Row(html, "data-figure", "visits")[0]);
        Assert.Contains("ada-only.example", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("grace-only.example", chart, StringComparison.Ordinal);
    }

    /// <summary>The exact figures (<c>data-ms</c>, <c>data-value</c>) of the table row marked <c>attribute="key"</c>.</summary>
    private static string[] Row(string html, string attribute, string key)
    {
        var row = Regex.Match(html, $"<tr {attribute}=\"{Regex.Escape(key)}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"No row {attribute}={key}.");
        return [.. Figure().Matches(row.Groups[1].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    [GeneratedRegex("data-(?:ms|value)=\"([^\"]*)\"")]
    private static partial Regex Figure();
}
