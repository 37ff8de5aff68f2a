namespace HeyHo.Api.Features.Sync;

internal sealed class SyncDataSummary(HeyHoDbContext db) : IUserDataSummary
{
    public async Task<UserDataSummary> GetAsync(string userId, CancellationToken cancellationToken)
    {
        var visits = await db.Set<PageVisit>().LongCountAsync(v => v.UserId == userId, cancellationToken);
        var aggregates = await db.Set<TabAggregate>().LongCountAsync(a => a.UserId == userId, cancellationToken);
        var lastSync = await db.Set<SyncReceipt>().Where(r => r.UserId == userId)
            .OrderByDescending(r => r.ReceivedAt).Select(r => (long?)r.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
        return new UserDataSummary(visits, aggregates, lastSync is { } ms ? SyncTime.ToDateTime(ms) : null);
    }
}
