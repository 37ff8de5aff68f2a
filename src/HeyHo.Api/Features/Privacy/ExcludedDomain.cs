using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Features.Privacy;

/// <summary>A domain (lower-case, without a trailing dot) whose records, and its subdomains' records, are never stored for the user.</summary>
public sealed class ExcludedDomain
{
    public const int MaxLength = 253;

    public required string UserId { get; set; }
    public required string Domain { get; set; }
}

internal sealed class ExcludedDomainConfiguration : IEntityTypeConfiguration<ExcludedDomain>
{
    public void Configure(EntityTypeBuilder<ExcludedDomain> excluded)
    {
        excluded.ToTable("ExcludedDomains");
        excluded.HasKey(e => new { e.UserId, e.Domain });
        excluded.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        excluded.Property(e => e.Domain).HasMaxLength(ExcludedDomain.MaxLength);
    }
}
