namespace HeyHo.Api.Features.Sync;

/// <summary>A read sync body: the records that passed their checks, how many of each kind came, and why the others were refused.</summary>
internal sealed record IncomingBatch(
    string? ClientId,
    List<PageVisitInput> Visits, int VisitsReceived,
    List<TabAggregateInput> Aggregates, int AggregatesReceived,
    List<SyncBatchRejectedRecord> Rejected);
