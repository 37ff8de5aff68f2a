namespace HeyHo.Api.Features.Sync;

public static class ListTabAggregates
{
    /// <summary>
    /// GET /api/v1/data/tab-aggregates: the caller's tab aggregates, newest first by the client's own startTime
    /// (stable while the tab lives on and its aggregate is replaced), then browser installation and tab id;
    /// keyset-paginated. The domain filter matches the tab's current domain.
    /// </summary>
    public static readonly RecordList<TabAggregate, TabAggregateItem> Endpoint =
        new RecordList<TabAggregate, TabAggregateItem>(a => a.UserId, a => a.StartTime, i => i.StartTime, a => a.CurrentDomain, a => a.AnonymousClientId)
            .ThenBy(a => a.AnonymousClientId, i => i.AnonymousClientId)
            .ThenBy(a => a.TabId, i => i.TabId);
}
