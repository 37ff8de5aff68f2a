namespace HeyHo.Api.Features.Sync;

/// <summary>A stored tab aggregate as the read-back endpoints and the export show it.</summary>
public sealed record TabAggregateItem(
    string AnonymousClientId, long TabId, DateTime StartTime, DateTime LastActiveTime, long? TotalActiveDuration,
    RawJson? DomainDurations, int? PageCount, string? CurrentUrl, string? CurrentDomain, RawJson? Statistics,
    DateTime? ClosedAt, bool? IsOpen, DateTime ReceivedAt, DateTime UpdatedAt);
