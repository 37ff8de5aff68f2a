namespace HeyHo.Api.Features.Insights;

public static class GetHours
{
    public sealed record Request(string? From, string? To, string? Tz) : InsightsQuery(From, To, Tz);

    public sealed class Validator : InsightsQuery.Validator<Request>;

    /// <summary><c>activeTime</c>: 24 figures in milliseconds, local hours 0 to 23 of every such weekday in the range.</summary>
    public sealed record Weekday(string Day, IReadOnlyList<long> ActiveTime);

    /// <summary>Seven rows, Monday first.</summary>
    public sealed record Response(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<Weekday> Weekdays);

    private static readonly string[] Names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Active time by weekday and local hour: when in the week the caller browses.</summary>
    public static Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, [AsParameters] InsightsCall call) =>
        call.AnswerAsync(request, validator, async range =>
        {
            var totals = await call.GridTotalsAsync(TimeGrid.Hours(range), Names.Length * 24);
            return new Response(range.From, range.To, range.Zone.Id, [.. Names.Select((name, day) =>
                new Weekday(name, totals.ActiveTime[(day * 24)..((day + 1) * 24)]))]);
        });
}
