namespace HeyHo.Api.Features.Insights;

/// <summary>What every insights handler works with: the caller, their data, the clock.</summary>
public sealed record InsightsCall(ClaimsPrincipal Caller, HeyHoDbContext Db, TimeProvider Clock, CancellationToken Ct)
{
    public string UserId => Caller.UserId();

    /// <summary>400 for an invalid query; else the answer <paramref name="answer"/> computes for the query's range.</summary>
    public async Task<Results<Ok<TResponse>, ValidationProblem>> AnswerAsync<TQuery, TResponse>(
        TQuery query, IValidator<TQuery> validator, Func<InsightsRange, Task<TResponse>> answer)
        where TQuery : InsightsQuery
    {
        var validation = await validator.ValidateAsync(query, Ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        return TypedResults.Ok(await answer(await query.ResolveAsync(UserId, Db, Clock, Ct)));
    }

    /// <summary>The caller's visits and tab time per label of <paramref name="grid"/>.</summary>
    public async Task<GridTotals> GridTotalsAsync(TimeGrid grid, int labels)
    {
        var totals = new GridTotals(grid, labels);
        await BrowsingTime.ReadAsync(Db, UserId, grid.Start, grid.End, domains: false, totals.Add, Ct);
        return totals;
    }

    /// <summary>The caller's visits and tab time per domain and label of <paramref name="grid"/>.</summary>
    public async Task<DomainTotals> DomainTotalsAsync(TimeGrid grid, int labels)
    {
        var totals = new DomainTotals(grid, labels);
        await BrowsingTime.ReadAsync(Db, UserId, grid.Start, grid.End, domains: true, totals.Add, Ct);
        return totals;
    }
}
