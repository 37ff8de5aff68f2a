namespace HeyHo.Api.Features.Sync;

public static class GetSyncStatus
{
    public sealed record Response(IReadOnlyList<ClientStatus> Clients);

    /// <summary>What the server holds for one browser installation, so the extension can check what it sent arrived.</summary>
    public sealed record ClientStatus(string? AnonymousClientId, long PageVisits, DateTime? NewestStartedAt, long TabAggregates, DateTime? NewestLastActiveTime);

    public static async Task<Ok<Response>> Handle(ClaimsPrincipal caller, HeyHoDbContext db, CancellationToken ct)
    {
        var userId = caller.UserId();
        var visits = await db.Set<PageVisit>().AsNoTracking().Where(v => v.UserId == userId)
            .GroupBy(v => v.AnonymousClientId)
            .Select(g => new { ClientId = g.Key, Count = g.LongCount(), Newest = g.Max(v => v.StartedAt) })
            .ToListAsync(ct);
        var aggregates = await db.Set<TabAggregate>().AsNoTracking().Where(a => a.UserId == userId)
            .GroupBy(a => a.AnonymousClientId)
            .Select(g => new { ClientId = (string?)g.Key, Count = g.LongCount(), Newest = g.Max(a => a.LastActiveTime) })
            .ToListAsync(ct);

        var clients = visits.Select(v => v.ClientId).Union(aggregates.Select(a => a.ClientId))
            .Order(StringComparer.Ordinal)
            .Select(id =>
            {
                var v = visits.Find(x => x.ClientId == id);
                var a = aggregates.Find(x => x.ClientId == id);
                return new ClientStatus(id, v?.Count ?? 0, v is null ? null : SyncTime.ToDateTime(v.Newest),
                    a?.Count ?? 0, a is null ? null : SyncTime.ToDateTime(a.Newest));
            })
            .ToList();
        return TypedResults.Ok(new Response(clients));
    }
}
