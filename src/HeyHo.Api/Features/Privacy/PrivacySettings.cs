using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Features.Privacy;

/// <summary>A user's privacy choices besides excluded domains; a user without a row has the defaults (keep everything as sent, forever).</summary>
public sealed class PrivacySettings
{
    public required string UserId { get; set; }
    public bool StripQueryStrings { get; set; }
    public int? RetentionDays { get; set; }
}

internal sealed class PrivacySettingsConfiguration : IEntityTypeConfiguration<PrivacySettings>
{
    public void Configure(EntityTypeBuilder<PrivacySettings> settings)
    {
        settings.ToTable("PrivacySettings");
        settings.HasKey(s => s.UserId);
        settings.HasOne<AppUser>().WithOne().HasForeignKey<PrivacySettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        settings.HasIndex(s => s.RetentionDays);
    }
}
