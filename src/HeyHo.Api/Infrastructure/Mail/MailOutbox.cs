using System.Threading.Channels;
using HeyHo.Api.Data;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Infrastructure.Mail;

/// <summary>A message to queue. <paramref name="NotAfter"/>: when it becomes worthless (e.g. the code it carries expires).</summary>
public sealed record OutgoingMail(string Recipient, string Subject, string Body, string? UserId = null, string? Kind = null, DateTimeOffset? NotAfter = null);

/// <summary>
/// The durable queue of outgoing mail: a message is a row written by the caller's own SaveChanges – in the same
/// transaction as whatever caused it – and sent later by <see cref="MailOutboxSender"/>, which this wakes as soon as
/// that save succeeds.
/// </summary>
public sealed class MailOutbox(TimeProvider clock, IOptions<MailOptions> options)
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>
    /// Adds the message to the context; the caller's next SaveChanges stores it and then wakes the sender. (Inside an
    /// explicit transaction the wake comes before the commit and finds nothing; the sender's poll then sends it.)
    /// </summary>
    public void Enqueue(HeyHoDbContext db, OutgoingMail mail)
    {
        var now = clock.GetUtcNow();
        var maxAge = now + options.Value.Outbox.MaxAge;
        db.Add(new OutboxMessage
        {
            UserId = mail.UserId,
            Kind = mail.Kind,
            Recipient = mail.Recipient,
            Subject = mail.Subject,
            Body = mail.Body,
            CreatedAt = now.ToUnixTimeMilliseconds(),
            NextAttemptAt = now.ToUnixTimeMilliseconds(),
            ExpiresAt = (mail.NotAfter is { } notAfter && notAfter < maxAge ? notAfter : maxAge).ToUnixTimeMilliseconds(),
            State = OutboxState.Pending,
        });

        // One-shot: a pooled context must not wake the sender on the saves of later requests.
        void Saved(object? sender, Microsoft.EntityFrameworkCore.SavedChangesEventArgs e)
        {
            Unsubscribe();
            Wake();
        }
        void Failed(object? sender, Microsoft.EntityFrameworkCore.SaveChangesFailedEventArgs e) => Unsubscribe();
        void Unsubscribe()
        {
            db.SavedChanges -= Saved;
            db.SaveChangesFailed -= Failed;
        }
        db.SavedChanges += Saved;
        db.SaveChangesFailed += Failed;
    }

    /// <summary>Makes the sender look for due messages now (several wakes before it looks count as one).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Waits until <paramref name="until"/> or a wake, whichever comes first.</summary>
    internal async Task WaitAsync(DateTimeOffset until, CancellationToken stoppingToken)
    {
        var delay = until - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(delay, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        if (clock.GetUtcNow() >= until)
        {
            return; // the clock moved while the timer was being set (a test's fake clock): the timer would wait too long
        }
        try
        {
            await _wake.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the time has come
        }
    }

    /// <summary>Forgets wakes that came before a look at the queue (that look will see their messages).</summary>
    internal void ClearWakes() => _wake.Reader.TryRead(out _);
}
