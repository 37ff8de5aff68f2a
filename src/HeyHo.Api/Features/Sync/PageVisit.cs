using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Features.Sync;

/// <summary>A stored page visit. Times are epoch milliseconds, as sent; JSON blobs are kept as compact JSON text.</summary>
public sealed class PageVisit : PageVisitDetails
{
    public required string UserId { get; set; }
    public required string Id { get; set; }
    public required string Url { get; set; }
    public string Title { get; set; } = string.Empty;
    public long StartedAt { get; set; }
    public long ReceivedAt { get; set; }
    public long UpdatedAt { get; set; }

    /// <summary>1 when inserted, +1 on every accepted update: the upsert returns it to tell the two apart.</summary>
    public int Revision { get; set; }
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
        visit.HasIndex(v => new { v.UserId, v.Domain });
    }
}
