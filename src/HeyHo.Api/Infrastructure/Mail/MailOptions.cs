using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Infrastructure.Mail;

public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; refuse the server if it cannot (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// Outgoing mail. Outside Development the SMTP host and the sender address are required; in Development an unset host
/// means "pickup directory only", and every message is also written there as an .eml file.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server; empty = no SMTP (allowed in Development only).</summary>
    [MaxLength(253)]
    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    [EnumDataType(typeof(SmtpSecurity))]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>SMTP AUTH user; empty = no authentication.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address (From); required outside Development.</summary>
    [MaxLength(256)]
    public string? From { get; set; }

    [MaxLength(100)]
    public string FromName { get; set; } = "HeyHo";

    /// <summary>
    /// The address of HeyHo's web pages as users reach them (e.g. https://heyho.example): links in messages (the
    /// password reset) start with it. Unset: messages carry codes only. Never taken from a request's Host header, which
    /// the sender of the request chooses.
    /// </summary>
    [Url]
    [MaxLength(200)]
    public string? PublicBaseUrl { get; set; }

    /// <summary>Development only: every message is also written here as an .eml file (relative to the content root).</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>Each SMTP operation (connect, authenticate, send) gives up after this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public OutboxOptions Outbox { get; set; } = new();
}

/// <summary>
/// Retries: after failed attempt n the next one waits FirstRetryDelay × 2^(n−1), at most MaxRetryDelay; a message is
/// given up after MaxAttempts attempts or once it is older than its own deadline (MaxAge unless the sender set a
/// shorter one, e.g. the lifetime of the code it carries).
/// </summary>
public sealed class OutboxOptions
{
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often a node looks for due messages without being woken (messages another node queued and could not send).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long sent and failed messages (their bodies already cleared) are kept before they are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
