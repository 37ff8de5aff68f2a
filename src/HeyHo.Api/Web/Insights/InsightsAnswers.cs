using HeyHo.Api.Features.Insights;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Web.Insights;

/// <summary>
/// The insights API's own handlers, called in process for the signed-in browser: the page and its charts show exactly
/// what <c>/api/v1/insights/*</c> answers for the same range and zone, and refuse what the API refuses.
/// </summary>
public sealed class InsightsAnswers(
    HeyHoDbContext db, TimeProvider clock,
    IValidator<GetSummary.Request> summaries, IValidator<GetDomains.Request> domains,
    IValidator<GetDaily.Request> days, IValidator<GetHours.Request> hours)
{
    public const int TopDomains = 10;

    /// <summary>An answer, or the API's validation errors keyed by its parameter names (<c>from</c>, <c>to</c>, <c>tz</c>).</summary>
    public sealed record Answer<T>(T? Value, IDictionary<string, string[]>? Errors)
        where T : class
    {
        public bool IsValid => Errors is null;
    }

    public async Task<Answer<GetSummary.Response>> SummaryAsync(HttpContext http, string? from, string? to, string? tz) =>
        Unwrap(await GetSummary.Handle(new(from, to, tz), summaries, Call(http)));

    public async Task<Answer<GetDomains.Response>> DomainsAsync(HttpContext http, string? from, string? to, string? tz) =>
        Unwrap(await GetDomains.Handle(new(from, to, tz, TopDomains, GetDomains.ByTime), domains, Call(http)));

    public async Task<Answer<GetDaily.Response>> DailyAsync(HttpContext http, string? from, string? to, string? tz) =>
        Unwrap(await GetDaily.Handle(new(from, to, tz), days, Call(http)));

    public async Task<Answer<GetHours.Response>> HoursAsync(HttpContext http, string? from, string? to, string? tz) =>
        Unwrap(await GetHours.Handle(new(from, to, tz), hours, Call(http)));

    private InsightsCall Call(HttpContext http) => new(http.User, db, clock, http.RequestAborted);

    private static Answer<T> Unwrap<T>(Results<Ok<T>, ValidationProblem> result)
        where T : class => result.Result switch
        {
            Ok<T> ok => new(ok.Value, null),
            ValidationProblem problem => new(null, problem.ProblemDetails.Errors),
            _ => throw new InvalidOperationException("An insights handler answered neither a result nor a validation problem."),
        };
}
