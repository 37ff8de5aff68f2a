namespace HeyHo.Api.Features.Sync;

public static class DeletePageVisits
{
    /// <summary>
    /// DELETE /api/v1/data/page-visits?domain=&amp;from=&amp;to=: deletes the caller's visits of a domain (and its
    /// subdomains; a visit without a domain counts by its URL's host) and/or whose startedAt is in [from, to).
    /// </summary>
    public static Task<Results<Ok<BulkDelete.Response>, ValidationProblem, RetryAfterProblem>> Handle(
        [AsParameters] BulkDelete.Query query, IValidator<BulkDelete.Query> validator, ClaimsPrincipal caller, HeyHoDbContext db, WriteGate gate,
        CancellationToken ct) =>
        BulkDelete.HandleAsync(query, validator, caller, db, gate, (records, filter) => records.PageVisitsAsync(filter, ct), ct);
}
