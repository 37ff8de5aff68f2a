namespace HeyHo.Api.Features.Insights;

public static class GetDaily
{
    public sealed record Request(string? From, string? To, string? Tz) : InsightsQuery(From, To, Tz);

    public sealed class Validator : InsightsQuery.Validator<Request>;

    /// <summary><c>visits</c>: those started on this local date; times: the parts of visits that fell on it, in milliseconds.</summary>
    public sealed record Day(DateOnly Date, long Visits, long TotalTime, long ActiveTime);

    public sealed record Response(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<Day> Days);

    /// <summary>One row per local date of the range, days without activity included.</summary>
    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, ClaimsPrincipal caller, HeyHoDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var userId = caller.UserId();
        var range = await request.ResolveAsync(userId, db, clock, ct);
        var grid = TimeGrid.Days(range);
        var totals = new GridTotals(grid, range.Days);
        await Activity.ReadAsync(db, userId, grid.Start, grid.End, domains: false, totals.Add, ct);

        return TypedResults.Ok(new Response(range.From, range.To, range.Zone.Id, [.. range.Dates.Select((date, day) =>
            new Day(date, totals.Visits[day], totals.TotalTime[day], totals.ActiveTime[day]))]));
    }
}
