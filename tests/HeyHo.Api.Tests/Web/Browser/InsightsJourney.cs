using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Insights;
using HeyHo.Api.Tests.Harness;
using Microsoft.Playwright;

namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>The Insights steps of a journey: an API client for the signed-up user, and the check that the page shows what the insights API answers.</summary>
public static class InsightsJourney
{
    /// <summary>An HTTP client to the fixture's server sending the user's access token (password grant, as the extension signs in).</summary>
    public static async Task<HttpClient> ApiClientAsync(this BrowserFixture fixture, string email, string password = WebJourney.Password)
    {
        var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        var tokens = await client.LoginAsync(email, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    /// <summary>Opens the Insights page for a range and zone with its form (labelled fields, the Show button).</summary>
    public static async Task OpenInsightsAsync(IPage page, string from, string to, string tz)
    {
        await page.GotoAsync("/insights");
        await page.GetByLabel("From (optional)", new() { Exact = true }).FillAsync(from);
        await page.GetByLabel("To (optional)", new() { Exact = true }).FillAsync(to);
        await page.GetByLabel("Time zone", new() { Exact = true }).SelectOptionAsync(tz);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await WebJourney.ArriveAsync(page, url => new Uri(url).Query.Contains("tz=", StringComparison.Ordinal));
    }

    /// <summary>
    /// On the Insights page: the summary, daily, top-domain and weekday × hour figures (the tables' exact values) equal
    /// the insights API's answers for the range and zone the page shows, and every chart image loaded.
    /// </summary>
    public static async Task AssertInsightsMatchApiAsync(IPage page, HttpClient api)
    {
        var range = page.GetByTestId("insights-range");
        var (from, to, tz) = (await range.GetAttributeAsync("data-from"), await range.GetAttributeAsync("data-to"), await range.GetAttributeAsync("data-tz"));
        var query = $"from={from}&to={to}&tz={Uri.EscapeDataString(tz!)}";
        var summary = await api.GetOkAsync("/api/v1/insights/summary?" + query);
        var daily = await api.GetOkAsync("/api/v1/insights/daily?" + query);
        var domains = await api.GetOkAsync("/api/v1/insights/domains?limit=10&sortBy=time&" + query);
        var hours = await api.GetOkAsync("/api/v1/insights/hours?" + query);

        var shown = await RowsAsync(page, "summary", "figure");
        foreach (var figure in new[] { "visits", "domains", "totalTime", "activeTime" })
        {
            Assert.Equal([Text(summary["current"]![figure]), Text(summary["previous"]![figure]), Text(summary["change"]![figure]!["absolute"])], shown[figure]);
        }
        Assert.Equal([Text(summary["current"]!["engagement"]), Text(summary["previous"]!["engagement"]), Text(summary["change"]!["engagement"]!["absolute"])], shown["engagement"]);
        Assert.Equal([Text(summary["current"]!["topDomain"]), Text(summary["previous"]!["topDomain"])], shown["topDomain"]);

        var days = await RowsAsync(page, "daily", "date");
        Assert.Equal(daily["days"]!.AsArray().Select(d => d!["date"]!.GetValue<string>()), days.Keys);
        foreach (var day in daily["days"]!.AsArray().Select(d => d!))
        {
            Assert.Equal([Text(day["visits"]), Text(day["totalTime"]), Text(day["activeTime"])], days[day["date"]!.GetValue<string>()]);
        }

        var sites = await RowsAsync(page, "domains", "domain");
        Assert.Equal(domains["items"]!.AsArray().Select(i => i!["domain"]!.GetValue<string>()), sites.Keys);
        foreach (var item in domains["items"]!.AsArray().Select(i => i!))
        {
            Assert.Equal([Text(item["visits"]), Text(item["totalTime"]), Text(item["activeTime"]), Text(item["share"])], sites[item["domain"]!.GetValue<string>()]);
        }

        var grid = await RowsAsync(page, "hours", "day");
        Assert.Equal(hours["weekdays"]!.AsArray().Select(w => w!["day"]!.GetValue<string>()), grid.Keys);
        foreach (var weekday in hours["weekdays"]!.AsArray().Select(w => w!))
        {
            Assert.Equal(weekday["activeTime"]!.AsArray().Select(Text), grid[weekday["day"]!.GetValue<string>()]);
        }

        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.chart')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.True(await page.Locator("img.chart").CountAsync() >= 2);
    }

    /// <summary>The exact figures (<c>data-ms</c> / <c>data-value</c>) of a table's rows, keyed by the rows' <c>data-{key}</c>.</summary>
    private static async Task<Dictionary<string, string[]>> RowsAsync(IPage page, string table, string key)
    {
        var rows = await page.GetByTestId(table).Locator($"tbody tr[data-{key}]").EvaluateAllAsync<string[][]>(
            $"rows => rows.map(r => [r.getAttribute('data-{key}'), ...[...r.querySelectorAll('td[data-ms], td[data-value]')].map(td => td.getAttribute('data-ms') ?? td.getAttribute('data-value'))])");
        return rows.ToDictionary(r => r[0], r => r[1..]);
    }

    /// <summary>A JSON figure as the page writes it in a data attribute (invariant culture; null as empty).</summary>
    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => node.GetValue<string>(),
    };
}
