namespace HeyHo.Api.Features.Sync;

/// <summary>The synced part of GET /api/v1/account/export: page visits, then tab aggregates, then sync receipts.</summary>
internal sealed class SyncDataExport(HeyHoDbContext db, TypeAdapterConfig mappings) : IUserDataExport
{
    public async Task WriteAsync(string userId, NdjsonWriter export)
    {
        await export.WriteAllAsync("pageVisit", db.Set<PageVisit>().AsNoTracking().Where(v => v.UserId == userId)
            .OrderBy(v => v.StartedAt).ThenBy(v => v.Id).ProjectToType<PageVisitItem>(mappings).AsAsyncEnumerable());
        await export.WriteAllAsync("tabAggregate", db.Set<TabAggregate>().AsNoTracking().Where(a => a.UserId == userId)
            .OrderBy(a => a.StartTime).ProjectToType<TabAggregateItem>(mappings).AsAsyncEnumerable());
        await export.WriteAllAsync("sync", db.Set<SyncReceipt>().AsNoTracking().Where(r => r.UserId == userId)
            .OrderBy(r => r.ReceivedAt).ProjectToType<SyncSummary>(mappings).AsAsyncEnumerable());
    }
}
