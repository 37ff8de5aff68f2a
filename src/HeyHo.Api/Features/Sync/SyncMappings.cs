namespace HeyHo.Api.Features.Sync;

/// <summary>Stored rows to API items: epoch milliseconds become UTC times, stored JSON text becomes JSON again – in these mappings only.</summary>
public sealed class SyncMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<PageVisit, PageVisitItem>().Fork(StoredValues);
        config.NewConfig<TabAggregate, TabAggregateItem>().Fork(StoredValues);
        config.NewConfig<SyncReceipt, SyncSummary>().Fork(StoredValues)
            .Map(s => s.SyncId, r => r.Id)
            .Map(s => s.RejectedCount, r => r.PageVisitsRejected + r.TabAggregatesRejected);
    }

    private static void StoredValues(TypeAdapterConfig config)
    {
        config.NewConfig<long, DateTime>().MapWith(ms => SyncTime.ToDateTime(ms));
        config.NewConfig<long?, DateTime?>().MapWith(ms => ms == null ? null : SyncTime.ToDateTime(ms.Value));
        config.NewConfig<string, RawJson>().MapWith(json => json == null ? null! : new RawJson(json));
    }
}
