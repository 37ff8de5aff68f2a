namespace HeyHo.Api.Features.Sync;

/// <summary>A stored sync receipt as GET /api/v1/data/syncs and the export show it.</summary>
public sealed record SyncSummary(
    string SyncId, DateTime ReceivedAt, string? AnonymousClientId, SyncBatchKindCounts PageVisits,
    SyncBatchKindCounts TabAggregates, int RejectedCount);
