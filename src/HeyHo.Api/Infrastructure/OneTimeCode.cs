using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Infrastructure;

/// <summary>What a code proves; stored as text, so a new purpose needs no migration.</summary>
public enum OneTimeCodePurpose
{
    EmailVerification,
    PasswordReset,
}

/// <summary>
/// The one live code of a user for one purpose: issuing a new one overwrites the row. Only a salted hash of the code is
/// kept. Times are epoch milliseconds.
/// </summary>
public sealed class OneTimeCode
{
    public required string UserId { get; set; }

    public OneTimeCodePurpose Purpose { get; set; }

    /// <summary>HMAC-SHA256 keyed with <see cref="Salt"/> over the purpose, the user, what the code is bound to and the code.</summary>
    public required byte[] Hash { get; set; }

    /// <summary>16 random bytes, new with every code.</summary>
    public required byte[] Salt { get; set; }

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }

    /// <summary>Wrong tries so far; a try in progress counts until it proves right.</summary>
    public int FailedAttempts { get; set; }

    public long? ConsumedAt { get; set; }
}

internal sealed class OneTimeCodeConfiguration : IEntityTypeConfiguration<OneTimeCode>
{
    public void Configure(EntityTypeBuilder<OneTimeCode> code)
    {
        code.ToTable("OneTimeCodes");
        code.HasKey(c => new { c.UserId, c.Purpose });
        code.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        code.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(32);
        code.Property(c => c.Hash).HasMaxLength(32);
        code.Property(c => c.Salt).HasMaxLength(16);
    }
}
