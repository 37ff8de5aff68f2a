using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeyHo.Api.Infrastructure.Mail;

public enum OutboxState
{
    Pending,
    Sent,
    Failed,

    /// <summary>A newer message of the same kind to the same user was queued before this one went out.</summary>
    Superseded,
}

/// <summary>
/// A message waiting to be sent, or the trace of one that was. Times are epoch milliseconds (ordered and compared in SQL
/// on both engines). The body is cleared once the message is sent or given up: it may carry a code.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Increasing: a later message of the same kind to the same user supersedes an earlier one still waiting.</summary>
    public long Id { get; set; }

    /// <summary>The account the message is about: its waiting messages are deleted with it.</summary>
    public string? UserId { get; set; }

    /// <summary>What the message is (e.g. EmailVerification); with <see cref="UserId"/>, what a newer message supersedes.</summary>
    public string? Kind { get; set; }

    public required string Recipient { get; set; }

    public required string Subject { get; set; }

    /// <summary>Plain text; null once sent or given up.</summary>
    public string? Body { get; set; }

    public long CreatedAt { get; set; }

    /// <summary>When the message is due; while a node is sending it, the end of that node's lease.</summary>
    public long NextAttemptAt { get; set; }

    /// <summary>Past this the message is worthless (the code it carries has expired): given up instead of sent.</summary>
    public long ExpiresAt { get; set; }

    /// <summary>Attempts started so far; also the fence that lets only one node claim an attempt.</summary>
    public int Attempts { get; set; }

    public OutboxState State { get; set; }

    public long? SentAt { get; set; }

    /// <summary>The class of the last failure (e.g. SocketException) – never its message, which may quote the server or the recipient.</summary>
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Id).ValueGeneratedOnAdd();
        message.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        message.Property(m => m.Kind).HasMaxLength(64);
        message.Property(m => m.Recipient).HasMaxLength(256);
        message.Property(m => m.Subject).HasMaxLength(256);
        message.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.LastError).HasMaxLength(128);
        message.HasIndex(m => new { m.State, m.NextAttemptAt });
        message.HasIndex(m => new { m.UserId, m.Kind });
    }
}
