namespace HeyHo.Api.Features.Sync;

/// <summary>A read sync body: the records to store, how many of each kind came, which were repaired and why the others were refused.</summary>
internal sealed class IncomingBatch(string? clientId)
{
    public string? ClientId { get; } = clientId;
    public List<PageVisitInput> Visits { get; } = [];
    public int VisitsReceived { get; set; }
    public List<TabAggregateInput> Aggregates { get; } = [];
    public int AggregatesReceived { get; set; }
    public List<SyncBatchRejectedRecord> Rejected { get; } = [];
    public List<SyncBatchRepairedRecord> Repaired { get; } = [];
}
