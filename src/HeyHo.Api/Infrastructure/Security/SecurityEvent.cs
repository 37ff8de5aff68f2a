using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Infrastructure.Security;

/// <summary>What happened to an account; stored as text, so a new kind needs no migration.</summary>
public enum SecurityEventKind
{
    SignedUp,
    EmailVerified,
    LoginSucceeded,
    LoginFailed,
    LockedOut,
    PasswordChanged,
    PasswordResetRequested,
    PasswordResetCompleted,
    SessionEnded,
    DataExported,
}

/// <summary>One line of an account's security log. Never holds a secret (password, token, code). Time: epoch milliseconds.</summary>
public sealed class SecurityEvent
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public long At { get; set; }

    public SecurityEventKind Kind { get; set; }

    /// <summary>A readable client name (<see cref="Auth.ClientNames"/>), when the event came through one.</summary>
    public string? Client { get; set; }

    /// <summary>A device label from the User-Agent (<see cref="DeviceLabels"/>).</summary>
    public string? Device { get; set; }

    /// <summary>E.g. who ended a session; plain words, never a secret.</summary>
    public string? Detail { get; set; }
}

internal sealed class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public void Configure(EntityTypeBuilder<SecurityEvent> e)
    {
        e.ToTable("SecurityEvents");
        e.HasKey(x => x.Id);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Client).HasMaxLength(64);
        e.Property(x => x.Device).HasMaxLength(DeviceLabels.MaxLength);
        e.Property(x => x.Detail).HasMaxLength(200);
        e.HasIndex(x => new { x.UserId, x.At, x.Id }); // the log, newest first, by keyset
        e.HasIndex(x => x.At); // pruning
    }
}
