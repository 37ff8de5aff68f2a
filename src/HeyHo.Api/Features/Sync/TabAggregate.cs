using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Features.Sync;

/// <summary>A stored tab aggregate, identified by (user, anonymousClientId, tabId, startTime).</summary>
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
