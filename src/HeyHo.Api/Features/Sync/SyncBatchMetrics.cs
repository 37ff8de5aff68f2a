namespace HeyHo.Api.Features.Sync;

internal static class SyncBatchMetrics
{
    /// <summary>Counts a stored batch's records by kind and outcome, and its size and time.</summary>
    public static void Record(this HeyHoMetrics metrics, SyncBatchResponse receipt, TimeSpan elapsed)
    {
        Record(metrics, "pageVisit", receipt.PageVisits);
        Record(metrics, "tabAggregate", receipt.TabAggregates);
        metrics.SyncBatch(elapsed, receipt.PageVisits.Received + receipt.TabAggregates.Received);
    }

    private static void Record(HeyHoMetrics metrics, string kind, SyncBatchKindCounts counts)
    {
        metrics.SyncRecords(kind, "received", counts.Received);
        metrics.SyncRecords(kind, "inserted", counts.Inserted);
        metrics.SyncRecords(kind, "updated", counts.Updated);
        metrics.SyncRecords(kind, "unchanged", counts.Unchanged);
        metrics.SyncRecords(kind, "rejected", counts.Rejected);
        metrics.SyncRecords(kind, "excluded", counts.Excluded);
    }
}
