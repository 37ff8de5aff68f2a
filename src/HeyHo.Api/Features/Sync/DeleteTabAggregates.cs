namespace HeyHo.Api.Features.Sync;

public static class DeleteTabAggregates
{
    /// <summary>
    /// DELETE /api/v1/data/tab-aggregates?domain=&amp;from=&amp;to=: deletes the caller's tab aggregates that name a
    /// domain (or a subdomain) as their current domain, in domainDurations or in statistics, and/or whose startTime is
    /// in [from, to).
    /// </summary>
    public static Task<Results<Ok<BulkDelete.Response>, ValidationProblem, RetryAfterProblem>> Handle(
        [AsParameters] BulkDelete.Query query, IValidator<BulkDelete.Query> validator, ClaimsPrincipal caller, HeyHoDbContext db, WriteGate gate,
        CancellationToken ct) =>
        BulkDelete.HandleAsync(query, validator, caller, db, gate, (records, filter) => records.TabAggregatesAsync(filter, ct), ct);
}
