namespace HeyHo.Api.Features.Sync;

/// <summary>
/// What the bulk deletes (<see cref="DeletePageVisits"/>, <see cref="DeleteTabAggregates"/>) share: the filters – a
/// domain, which covers its subdomains, and a time window [from, to) – of which at least one is required, the answer,
/// and the run in batches, each its own short transaction.
/// </summary>
public static class BulkDelete
{
    public sealed record Query(string? Domain, string? From, string? To)
    {
        internal RecordFilter Filter => new(
            HostNames.TryNormalize(Domain, out var domain) ? new DomainSet([domain]) : null,
            SyncTime.TryParse(From, out var from) ? from : null,
            SyncTime.TryParse(To, out var to) ? to : null);
    }

    public sealed record Response(long Deleted);

    public sealed class Validator : JsonFieldValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Domain)
                .NotNull().When(q => q.From is null && q.To is null)
                .WithMessage("Name at least one of 'domain', 'from' and 'to'.")
                .Must(d => d is null || HostNames.TryNormalize(d, out _))
                .WithMessage("'domain' must be a host name such as example.com (no scheme, path, port or wildcard); it covers its subdomains.");
            RuleFor(q => q.From).Must(t => t is null || SyncTime.TryParse(t, out _)).WithMessage($"'from' must be {SyncTime.Format}.");
            RuleFor(q => q.To).Must(t => t is null || SyncTime.TryParse(t, out _)).WithMessage($"'to' must be {SyncTime.Format}.")
                .Must((q, to) => q.Filter is not { From: { } from, To: { } end } || from < end).WithMessage("'to' must be later than 'from'.");
        }
    }

    internal static async Task<Results<Ok<Response>, ValidationProblem, RetryAfterProblem>> HandleAsync(
        Query query, IValidator<Query> validator, ClaimsPrincipal caller, HeyHoDbContext db, WriteGate gate,
        Func<RecordDeletion, RecordFilter, IAsyncEnumerable<int>> records, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var deletion = new RecordDeletion(db, caller.UserId(), RecordDeletion.DefaultBatchSize);
        var (deleted, busy) = await RecordDeletion.RunAsync(records(deletion, query.Filter), db, gate, ct);
        return busy
            ? StorageUnavailable.Problem($"Storage is busy; {deleted} records were deleted before it was. Retry to delete the rest.")
            : TypedResults.Ok(new Response(deleted));
    }
}
