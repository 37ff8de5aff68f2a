namespace HeyHo.Api.Features.Sync;

/// <summary>What a page visit may carry besides its identity, URL, title and start: the same as sent and as stored.</summary>
public abstract class PageVisitDetails
{
    public string? AnonymousClientId { get; set; }
    public long? TabId { get; set; }
    public string? Domain { get; set; }
    public long? EndedAt { get; set; }
    public long? Duration { get; set; }
    public long? ActiveDuration { get; set; }
    public double? EngagementRate { get; set; }
    public long? LastHeartbeat { get; set; }
    public bool? IsActive { get; set; }
    public string? IdlePeriods { get; set; }
    public string? Category { get; set; }
    public double? CategoryConfidence { get; set; }
    public string? CategoryMethod { get; set; }
    public string? Metadata { get; set; }
    public long? ClosedAt { get; set; }
    public long? OpenedAt { get; set; }
    public string? SourcePageVisitId { get; set; }
}
