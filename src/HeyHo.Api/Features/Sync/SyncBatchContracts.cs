using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

// POST /api/v1/data/sync: what comes in and the receipt that goes out. Every other part of the upload points here.

/// <summary>The request body, for the API description; the endpoint reads it record by record.</summary>
public sealed record SyncBatchRequest(string? AnonymousClientId, IReadOnlyList<JsonElement>? PageVisits, IReadOnlyList<JsonElement>? TabAggregates);

/// <summary>
/// The receipt. A 200 promises that every record is stored, deliberately refused (listed in <see cref="Rejected"/>) or
/// deliberately not stored because the user excluded its domain (counted as excluded), so the extension may delete all
/// of it; <see cref="Repaired"/> lists the stored records whose text had to be mended.
/// </summary>
public sealed record SyncBatchResponse(
    string SyncId, DateTime ReceivedAt, SyncBatchKindCounts PageVisits, SyncBatchKindCounts TabAggregates,
    IReadOnlyList<SyncBatchRejectedRecord> Rejected, IReadOnlyList<SyncBatchRepairedRecord> Repaired);

/// <summary>One record kind's figures: received = inserted + updated + unchanged + rejected + excluded.</summary>
public sealed record SyncBatchKindCounts(int Received, int Inserted, int Updated, int Unchanged, int Rejected, int Excluded);

public sealed record SyncBatchRejectedRecord(string Kind, int Index, string? Id, IReadOnlyList<FieldError> Errors);

/// <summary>A stored record whose text could not be stored as sent (a lone surrogate, a NUL): what was replaced, field by field.</summary>
public sealed record SyncBatchRepairedRecord(string Kind, int Index, string? Id, IReadOnlyList<FieldError> Repairs);

public sealed record FieldError(string Field, string Message);

/// <summary>A page visit as the extension sends it, after type checks; ranges are the validator's job.</summary>
public sealed class PageVisitInput : PageVisitDetails
{
    public string? Id { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
    public long? StartedAt { get; set; }
    public long? DurationSeconds { get; set; }
}

/// <summary>A tab aggregate as the extension sends it; identified by (anonymousClientId, tabId, startTime).</summary>
public sealed class TabAggregateInput
{
    public string? AnonymousClientId { get; set; }
    public long? TabId { get; set; }
    public long? StartTime { get; set; }
    public long? LastActiveTime { get; set; }
    public long? TotalActiveDuration { get; set; }
    public string? DomainDurations { get; set; }
    public long? PageCount { get; set; }
    public string? CurrentUrl { get; set; }
    public string? CurrentDomain { get; set; }
    public string? Statistics { get; set; }
    public long? ClosedAt { get; set; }
    public bool? IsOpen { get; set; }
}
