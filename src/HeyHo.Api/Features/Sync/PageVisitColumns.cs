using System.Data;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// What a page visit upsert writes, one line a column. A re-sent copy only updates the stored visit when it is more
/// complete: an end where there was none, a longer duration or active duration, a later heartbeat.
/// </summary>
internal static class PageVisitColumns
{
    public static readonly UpsertTable<PageVisitInput> Table = new("PageVisits",
    [
        new("Id", DbType.String, v => v.Id, Merge.Key),
        new("AnonymousClientId", DbType.String, v => v.AnonymousClientId),
        new("TabId", DbType.Int64, v => v.TabId),
        new("Url", DbType.String, v => v.Url, Merge.Latest),
        new("Domain", DbType.String, v => v.Domain, Merge.Latest),
        new("Title", DbType.String, v => v.Title ?? string.Empty, Merge.Latest),
        new("StartedAt", DbType.Int64, v => v.StartedAt, Merge.First),
        new("EndedAt", DbType.Int64, v => v.EndedAt, Merge.Completes),
        new("Duration", DbType.Int64, v => v.Duration ?? v.DurationSeconds * 1000, Merge.Grows),
        new("ActiveDuration", DbType.Int64, v => v.ActiveDuration, Merge.Grows),
        new("EngagementRate", DbType.Double, v => v.EngagementRate),
        new("LastHeartbeat", DbType.Int64, v => v.LastHeartbeat, Merge.Grows),
        new("IsActive", DbType.Boolean, v => v.IsActive),
        new("IdlePeriods", DbType.String, v => v.IdlePeriods),
        new("Category", DbType.String, v => v.Category),
        new("CategoryConfidence", DbType.Double, v => v.CategoryConfidence),
        new("CategoryMethod", DbType.String, v => v.CategoryMethod),
        new("Metadata", DbType.String, v => v.Metadata),
        new("ClosedAt", DbType.Int64, v => v.ClosedAt),
        new("OpenedAt", DbType.Int64, v => v.OpenedAt),
        new("SourcePageVisitId", DbType.String, v => v.SourcePageVisitId),
    ]);
}
