using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Features.Sync;

// Times are epoch milliseconds, as the extension sends them: exact, compact, ordered, and portable between engines.
// JSON blobs (metadata, idle periods, domain durations, statistics) are kept as the client sent them.

public sealed class PageVisit
{
    public required string UserId { get; set; }
    public required string Id { get; set; }
    public string? AnonymousClientId { get; set; }
    public long? TabId { get; set; }
    public required string Url { get; set; }
    public string? Domain { get; set; }
    public string Title { get; set; } = string.Empty;
    public long StartedAt { get; set; }
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
    public long ReceivedAt { get; set; }
    public long UpdatedAt { get; set; }

    /// <summary>1 when inserted, +1 on every accepted update: the upsert returns it to tell the two apart.</summary>
    public int Revision { get; set; }
}

public sealed class TabAggregate
{
    public required string UserId { get; set; }
    public required string AnonymousClientId { get; set; }
    public long TabId { get; set; }
    public long StartTime { get; set; }
    public long LastActiveTime { get; set; }
    public long? TotalActiveDuration { get; set; }
    public string? DomainDurations { get; set; }
    public int? PageCount { get; set; }
    public string? CurrentUrl { get; set; }
    public string? CurrentDomain { get; set; }
    public string? Statistics { get; set; }
    public long? ClosedAt { get; set; }
    public bool? IsOpen { get; set; }
    public long ReceivedAt { get; set; }
    public long UpdatedAt { get; set; }
    public int Revision { get; set; }
}

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
    public int TabAggregatesReceived { get; set; }
    public int TabAggregatesInserted { get; set; }
    public int TabAggregatesUpdated { get; set; }
    public int TabAggregatesUnchanged { get; set; }
    public int TabAggregatesRejected { get; set; }
}

internal sealed class PageVisitConfiguration : IEntityTypeConfiguration<PageVisit>
{
    public void Configure(EntityTypeBuilder<PageVisit> visit)
    {
        visit.ToTable("PageVisits");
        visit.HasKey(v => new { v.UserId, v.Id });
        visit.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        visit.Property(v => v.Id).HasMaxLength(SyncLimits.MaxIdLength);
        visit.Property(v => v.Url).HasMaxLength(SyncLimits.MaxUrlLength);
        visit.Property(v => v.Title).HasMaxLength(SyncLimits.MaxTitleLength);
        visit.HasIndex(v => new { v.UserId, v.StartedAt, v.Id }).IsDescending(false, true, true);
        visit.HasIndex(v => new { v.UserId, v.AnonymousClientId });
    }
}

internal sealed class TabAggregateConfiguration : IEntityTypeConfiguration<TabAggregate>
{
    public void Configure(EntityTypeBuilder<TabAggregate> aggregate)
    {
        aggregate.ToTable("TabAggregates");
        aggregate.HasKey(a => new { a.UserId, a.AnonymousClientId, a.TabId, a.StartTime });
        aggregate.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        aggregate.Property(a => a.AnonymousClientId).HasMaxLength(SyncLimits.MaxIdLength);
        aggregate.HasIndex(a => new { a.UserId, a.StartTime, a.AnonymousClientId, a.TabId }).IsDescending(false, true, true, true);
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
    }
}
