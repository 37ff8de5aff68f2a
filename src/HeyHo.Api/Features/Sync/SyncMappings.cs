using Mapster;

namespace HeyHo.Api.Features.Sync;

public sealed record PageVisitItem(
    string Id, string? AnonymousClientId, long? TabId, string Url, string? Domain, string Title,
    DateTime StartedAt, DateTime? EndedAt, long? Duration, long? ActiveDuration, double? EngagementRate,
    DateTime? LastHeartbeat, bool? IsActive, RawJson? IdlePeriods, string? Category, double? CategoryConfidence,
    string? CategoryMethod, RawJson? Metadata, DateTime? ClosedAt, DateTime? OpenedAt, string? SourcePageVisitId,
    DateTime ReceivedAt, DateTime UpdatedAt);

public sealed record TabAggregateItem(
    string AnonymousClientId, long TabId, DateTime StartTime, DateTime LastActiveTime, long? TotalActiveDuration,
    RawJson? DomainDurations, int? PageCount, string? CurrentUrl, string? CurrentDomain, RawJson? Statistics,
    DateTime? ClosedAt, bool? IsOpen, DateTime ReceivedAt, DateTime UpdatedAt);

public sealed record SyncSummary(
    string SyncId, DateTime ReceivedAt, string? AnonymousClientId, SyncBatch.KindCounts PageVisits,
    SyncBatch.KindCounts TabAggregates, int RejectedCount);

/// <summary>Stored rows to API items: epoch milliseconds become UTC times, stored JSON text becomes JSON again.</summary>
public sealed class SyncMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<long, DateTime>().MapWith(ms => Time(ms));
        config.NewConfig<long?, DateTime?>().MapWith(ms => ms == null ? null : Time(ms.Value));
        config.NewConfig<string, RawJson>().MapWith(json => json == null ? null! : new RawJson(json));
        config.NewConfig<SyncReceipt, SyncSummary>()
            .Map(s => s.SyncId, r => r.Id)
            .Map(s => s.PageVisits, r => new SyncBatch.KindCounts(r.PageVisitsReceived, r.PageVisitsInserted, r.PageVisitsUpdated, r.PageVisitsUnchanged, r.PageVisitsRejected))
            .Map(s => s.TabAggregates, r => new SyncBatch.KindCounts(r.TabAggregatesReceived, r.TabAggregatesInserted, r.TabAggregatesUpdated, r.TabAggregatesUnchanged, r.TabAggregatesRejected))
            .Map(s => s.RejectedCount, r => r.PageVisitsRejected + r.TabAggregatesRejected);
    }

    public static DateTime Time(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);
}
