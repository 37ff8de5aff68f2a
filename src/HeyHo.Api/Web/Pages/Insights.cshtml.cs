using HeyHo.Api.Features.Insights;
using HeyHo.Api.Web.Insights;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// The caller's insights for a range and zone (GET form): the summary against the previous range, daily active time,
/// top domains and the weekday × hour grid – the insights API's answers, as charts with their figures in tables.
/// </summary>
public sealed class InsightsModel(InsightsAnswers answers) : WebPageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "tz")]
    public string? Tz { get; set; }

    public GetSummary.Response? Summary { get; private set; }

    public GetDomains.Response? Domains { get; private set; }

    public GetDaily.Response? Daily { get; private set; }

    public GetHours.Response? Hours { get; private set; }

    /// <summary>The query of the range shown, for the chart images: the resolved dates and zone, so every figure covers the same days.</summary>
    public string ChartQuery => Summary is null ? "" : QueryString.Create([
        KeyValuePair.Create("from", (string?)Summary.From.ToString(InsightsQuery.DateFormat)),
        KeyValuePair.Create("to", (string?)Summary.To.ToString(InsightsQuery.DateFormat)),
        KeyValuePair.Create("tz", (string?)Summary.TimeZone)]).Value!;

    public async Task<IActionResult> OnGetAsync()
    {
        var summary = await answers.SummaryAsync(HttpContext, Empty(From), Empty(To), Empty(Tz));
        if (!summary.IsValid)
        {
            return Refuse(summary.Errors!);
        }
        Summary = summary.Value!;
        var (from, to, tz) = (Summary.From.ToString(InsightsQuery.DateFormat), Summary.To.ToString(InsightsQuery.DateFormat), Summary.TimeZone);
        (From, To, Tz) = (from, to, tz);
        Domains = (await answers.DomainsAsync(HttpContext, from, to, tz)).Value;
        Daily = (await answers.DailyAsync(HttpContext, from, to, tz)).Value;
        Hours = (await answers.HoursAsync(HttpContext, from, to, tz)).Value;
        return Page();
    }

    /// <summary>An empty form field means "the default", as an absent query parameter does.</summary>
    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
