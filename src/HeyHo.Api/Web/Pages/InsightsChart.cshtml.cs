using HeyHo.Api.Web.Charts;
using HeyHo.Api.Web.Insights;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// One insights chart as an SVG image for the signed-in browser (<c>/insights/charts/daily.svg?from&amp;to&amp;tz</c>):
/// the query rules of the insights API (400 with its messages as text), never cached.
/// </summary>
public sealed class InsightsChartModel(InsightsAnswers answers) : WebPageModel
{
    public const string SvgType = "image/svg+xml";

    public async Task<IActionResult> OnGetAsync(string chart, string? from, string? to, string? tz)
    {
        string? svg;
        IDictionary<string, string[]>? errors;
        switch (chart)
        {
            case "daily":
                var daily = await answers.DailyAsync(HttpContext, from, to, tz);
                (svg, errors) = (daily.Value is { } d ? InsightsCharts.Daily(d) : null, daily.Errors);
                break;
            case "domains":
                var domains = await answers.DomainsAsync(HttpContext, from, to, tz);
                (svg, errors) = (domains.Value is { } t ? InsightsCharts.Domains(t) : null, domains.Errors);
                break;
            case "hours":
                var hours = await answers.HoursAsync(HttpContext, from, to, tz);
                (svg, errors) = (hours.Value is { } h ? InsightsCharts.Hours(h) : null, hours.Errors);
                break;
            default:
                return NotFound();
        }
        Response.Headers.CacheControl = "private, no-store";
        return svg is null
            ? new ContentResult { StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8", Content = string.Join("\n", errors!.SelectMany(e => e.Value)) }
            : Content(svg, SvgType);
    }
}
