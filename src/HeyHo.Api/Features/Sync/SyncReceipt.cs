using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Features.Sync;

/// <summary>What one sync request stored: its counts per record kind, one column each.</summary>
public sealed class SyncReceipt
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public string? AnonymousClientId { get; set; }
    public long ReceivedAt { get; set; }
    public int PageVisitsReceived { get; set; }
    public int PageVisitsInserted { get; set; }
    public int PageVisitsUpdated { get; set; }
    public int PageVisitsUnchanged { get; set; }
    public int PageVisitsRejected { get; set; }
    public int PageVisitsExcluded { get; set; }
    public int TabAggregatesReceived { get; set; }
    public int TabAggregatesInserted { get; set; }
    public int TabAggregatesUpdated { get; set; }
    public int TabAggregatesUnchanged { get; set; }
    public int TabAggregatesRejected { get; set; }
    public int TabAggregatesExcluded { get; set; }

    /// <summary>The page-visit columns as one value: the only place counts and columns meet.</summary>
    public SyncBatchKindCounts PageVisits
    {
        get => new(PageVisitsReceived, PageVisitsInserted, PageVisitsUpdated, PageVisitsUnchanged, PageVisitsRejected, PageVisitsExcluded);
        set => (PageVisitsReceived, PageVisitsInserted, PageVisitsUpdated, PageVisitsUnchanged, PageVisitsRejected, PageVisitsExcluded) =
            (value.Received, value.Inserted, value.Updated, value.Unchanged, value.Rejected, value.Excluded);
    }

    public SyncBatchKindCounts TabAggregates
    {
        get => new(TabAggregatesReceived, TabAggregatesInserted, TabAggregatesUpdated, TabAggregatesUnchanged, TabAggregatesRejected, TabAggregatesExcluded);
        set => (TabAggregatesReceived, TabAggregatesInserted, TabAggregatesUpdated, TabAggregatesUnchanged, TabAggregatesRejected, TabAggregatesExcluded) =
            (value.Received, value.Inserted, value.Updated, value.Unchanged, value.Rejected, value.Excluded);
    }
}

internal sealed class SyncReceiptConfiguration : IEntityTypeConfiguration<SyncReceipt>
{
    public void Configure(EntityTypeBuilder<SyncReceipt> receipt)
    {
        receipt.ToTable("SyncReceipts");
        receipt.HasKey(r => r.Id);
        receipt.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        receipt.HasIndex(r => new { r.UserId, r.ReceivedAt }).IsDescending(false, true);
        receipt.Ignore(r => r.PageVisits);
        receipt.Ignore(r => r.TabAggregates);
    }
}
