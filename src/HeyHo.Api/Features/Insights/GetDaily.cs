namespace HeyHo.Api.Features.Insights;

public static class GetDaily
{
    public sealed record Request(string? From, string? To, string? Tz) : InsightsQuery(From, To, Tz);

    public sealed class Validator : InsightsQuery.Validator<Request>;

    /// <summary><c>visits</c>: those started on this local date; times: the parts of visits that fell on it, in milliseconds.</summary>
    public sealed record Day(DateOnly Date, long Visits, long TotalTime, long ActiveTime);

    public sealed record Response(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<Day> Days);

    /// <summary>One row per local date of the range, days without activity included.</summary>
    public static Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, [AsParameters] InsightsCall call) =>
        call.AnswerAsync(request, validator, async range =>
        {
            var totals = await call.GridTotalsAsync(TimeGrid.Days(range), range.Days);
            return new Response(range.From, range.To, range.Zone.Id, [.. range.Dates.Select((date, day) =>
                new Day(date, totals.Visits[day], totals.TotalTime[day], totals.ActiveTime[day]))]);
        });
}
