using System.Data;

namespace HeyHo.Api.Features.Sync;

/// <summary>What a tab aggregate upsert writes, one line a column: a copy with a later lastActiveTime replaces the stored one.</summary>
internal static class TabAggregateColumns
{
    public static readonly UpsertTable<TabAggregateInput> Table = new("TabAggregates",
    [
        new("AnonymousClientId", DbType.String, a => a.AnonymousClientId, Merge.Key),
        new("TabId", DbType.Int64, a => a.TabId, Merge.Key),
        new("StartTime", DbType.Int64, a => a.StartTime, Merge.Key),
        new("LastActiveTime", DbType.Int64, a => a.LastActiveTime, Merge.Advances),
        new("TotalActiveDuration", DbType.Int64, a => a.TotalActiveDuration, Merge.Latest),
        new("DomainDurations", DbType.String, a => a.DomainDurations, Merge.Latest),
        new("PageCount", DbType.Int32, a => (int?)a.PageCount, Merge.Latest),
        new("CurrentUrl", DbType.String, a => a.CurrentUrl, Merge.Latest),
        new("CurrentDomain", DbType.String, a => a.CurrentDomain, Merge.Latest),
        new("Statistics", DbType.String, a => a.Statistics, Merge.Latest),
        new("ClosedAt", DbType.Int64, a => a.ClosedAt, Merge.Latest),
        new("IsOpen", DbType.Boolean, a => a.IsOpen, Merge.Latest),
    ]);
}
