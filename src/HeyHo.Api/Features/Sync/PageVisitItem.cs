namespace HeyHo.Api.Features.Sync;

/// <summary>A stored page visit as the read-back endpoints and the export show it.</summary>
public sealed record PageVisitItem(
    string Id, string? AnonymousClientId, long? TabId, string Url, string? Domain, string Title,
    DateTime StartedAt, DateTime? EndedAt, long? Duration, long? ActiveDuration, double? EngagementRate,
    DateTime? LastHeartbeat, bool? IsActive, RawJson? IdlePeriods, string? Category, double? CategoryConfidence,
    string? CategoryMethod, RawJson? Metadata, DateTime? ClosedAt, DateTime? OpenedAt, string? SourcePageVisitId,
    DateTime ReceivedAt, DateTime UpdatedAt);
