namespace HeyHo.Api.Features.Sync;

public static class ListSyncs
{
    public sealed record Request(int? Limit);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, 100);
    }

    /// <summary>The caller's most recent sync receipts, newest first.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SyncSummary>>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, ClaimsPrincipal caller, HeyHoDbContext db,
        TypeAdapterConfig mappings, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var userId = caller.UserId();
        var receipts = await db.Set<SyncReceipt>().AsNoTracking()
            .Where(r => r.UserId == userId)
            .OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id)
            .Take(request.Limit ?? 20)
            .ProjectToType<SyncSummary>(mappings)
            .ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<SyncSummary>>(receipts);
    }
}
