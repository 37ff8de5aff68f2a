using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HeyHo.Api.Infrastructure.Mail;

/// <summary>
/// One attempt to deliver one message: in Development a copy to the pickup directory (an .eml file a developer or a test
/// can open), then, when an SMTP host is configured, the SMTP server through MailKit.
/// </summary>
public sealed class MailDelivery
{
    public const string DevelopmentFrom = "heyho@localhost";

    private readonly MailOptions _options;
    private readonly MailboxAddress _from;

    public MailDelivery(IOptions<MailOptions> options, IHostEnvironment environment)
    {
        _options = options.Value;
        _from = new MailboxAddress(_options.FromName, string.IsNullOrWhiteSpace(_options.From) ? DevelopmentFrom : _options.From);
        PickupDirectory = environment.IsDevelopment() && !string.IsNullOrWhiteSpace(_options.PickupDirectory)
            ? Path.GetFullPath(_options.PickupDirectory, environment.ContentRootPath)
            : null;
    }

    /// <summary>The full path .eml copies are written to; null outside Development or when unset.</summary>
    public string? PickupDirectory { get; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(_options.Host);

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        using var mime = Build(message);
        if (PickupDirectory is not null)
        {
            await WritePickupCopyAsync(mime, message, cancellationToken);
        }
        if (UsesSmtp)
        {
            await SendAsync(mime, cancellationToken);
        }
    }

    /// <summary>A 5xx refusal of this recipient or this message: trying again cannot help.</summary>
    public static bool IsPermanent(Exception exception) =>
        exception is SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } refusal
        && (int)refusal.StatusCode >= 500;

    private MimeMessage Build(OutboxMessage message)
    {
        var created = DateTimeOffset.FromUnixTimeMilliseconds(message.CreatedAt);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = created,
            // The same id on every attempt: a receiver can tell a retried copy from a new message.
            MessageId = $"outbox-{message.Id.ToString(CultureInfo.InvariantCulture)}-{message.CreatedAt.ToString(CultureInfo.InvariantCulture)}@{_from.Domain}",
            Body = new TextPart("plain") { Text = message.Body ?? string.Empty },
        };
        mime.From.Add(_from);
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        return mime;
    }

    /// <summary>Written under a temporary name and renamed, so a reader never sees half a message; a retry overwrites its own copy.</summary>
    private async Task WritePickupCopyAsync(MimeMessage mime, OutboxMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(PickupDirectory!);
        var created = DateTimeOffset.FromUnixTimeMilliseconds(message.CreatedAt).UtcDateTime;
        var name = $"{created.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}-{message.Id.ToString("D8", CultureInfo.InvariantCulture)}.eml";
        var temporary = Path.Combine(PickupDirectory!, $".{name}.{Guid.NewGuid():N}.tmp");
        await mime.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(PickupDirectory!, name), overwrite: true);
    }

    private async Task SendAsync(MimeMessage mime, CancellationToken cancellationToken)
    {
        using var smtp = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        await smtp.ConnectAsync(_options.Host!, _options.Port, _options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            await smtp.AuthenticateAsync(_options.UserName, _options.Password ?? string.Empty, cancellationToken);
        }
        await smtp.SendAsync(mime, cancellationToken);
        await smtp.DisconnectAsync(quit: true, cancellationToken);
    }
}
