using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Infrastructure.Mail;

/// <summary>
/// Sends due outbox messages, woken by <see cref="MailOutbox"/> when one is queued, by its own timer when a retry falls
/// due, and every poll interval otherwise (messages another node queued). Several nodes may run it over one database:
/// an attempt is claimed by a conditional UPDATE that only one of them can win (the attempt count is the fence), and the
/// claim is a lease – a node that dies mid-attempt leaves the message due again once the lease ends. Delivery is
/// therefore at least once: a node that sent a message and died before recording it lets another send it again.
/// </summary>
public sealed partial class MailOutboxSender(
    IServiceScopeFactory scopes, MailOutbox outbox, MailDelivery delivery, IOptions<MailOptions> options, TimeProvider clock,
    ILogger<MailOutboxSender> logger) : BackgroundService
{
    /// <summary>Longer than one attempt can take (connect, authenticate and send each time out after Mail:Timeout, at most 2 minutes).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private const int BatchSize = 20;

    private readonly OutboxOptions _options = options.Value.Outbox;
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1 = the first): doubling from the first delay, capped.</summary>
    public static TimeSpan RetryDelay(OutboxOptions options, int attempt) => TimeSpan.FromMilliseconds(Math.Min(
        options.MaxRetryDelay.TotalMilliseconds, options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            outbox.ClearWakes();
            var next = clock.GetUtcNow() + _options.PollInterval;
            try
            {
                if (await SendDueAsync(stoppingToken) is { } due && due < next)
                {
                    next = due;
                }
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogLoopFailed(logger, e.GetType().Name); // e.g. the database is unreachable: try again at the next poll
            }
            await outbox.WaitAsync(next, stoppingToken);
        }
    }

    /// <summary>Attempts every due message once; returns when the next waiting one falls due, if any waits.</summary>
    internal async Task<DateTimeOffset?> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        List<OutboxMessage> due;
        do
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            due = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.State == OutboxState.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var message in due)
            {
                await AttemptAsync(db, message, cancellationToken);
            }
        }
        while (due.Count == BatchSize);

        var next = await db.Set<OutboxMessage>().Where(m => m.State == OutboxState.Pending).MinAsync(m => (long?)m.NextAttemptAt, cancellationToken);
        return next is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;
    }

    private async Task AttemptAsync(HeyHoDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        var messages = db.Set<OutboxMessage>();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds(); // the lease starts now, not when the batch was read
        var attempt = message.Attempts + 1;
        var claimed = await messages
            .Where(m => m.Id == message.Id && m.State == OutboxState.Pending && m.Attempts == message.Attempts && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempt)
                .SetProperty(m => m.NextAttemptAt, now + (long)Lease.TotalMilliseconds), cancellationToken);
        if (claimed == 0)
        {
            return; // another node claimed it first
        }

        var mine = messages.Where(m => m.Id == message.Id && m.Attempts == attempt && m.State == OutboxState.Pending);
        if (message.ExpiresAt <= now)
        {
            await CloseAsync(mine, OutboxState.Failed, "Expired", cancellationToken);
            LogGivenUp(logger, message.Id, attempt, "Expired");
            return;
        }
        if (message is { UserId: { } userId, Kind: { } kind }
            && await messages.AnyAsync(m => m.UserId == userId && m.Kind == kind && m.Id > message.Id, cancellationToken))
        {
            await CloseAsync(mine, OutboxState.Superseded, null, cancellationToken);
            LogSuperseded(logger, message.Id);
            return;
        }

        try
        {
            await delivery.DeliverAsync(message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = e.GetType().Name;
            // From the claim's time, not the failure's: the delay does not grow with the time the attempt took.
            var retryAt = now + (long)RetryDelay(_options, attempt).TotalMilliseconds;
            if (MailDelivery.IsPermanent(e) || attempt >= _options.MaxAttempts || retryAt >= message.ExpiresAt)
            {
                await CloseAsync(mine, OutboxState.Failed, error, cancellationToken);
                LogGivenUp(logger, message.Id, attempt, error);
            }
            else
            {
                await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, retryAt).SetProperty(m => m.LastError, error), cancellationToken);
                LogRetry(logger, message.Id, attempt, error, DateTimeOffset.FromUnixTimeMilliseconds(retryAt));
            }
            return;
        }

        var sentAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, OutboxState.Sent)
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Body, (string?)null)
            .SetProperty(m => m.LastError, (string?)null), cancellationToken);
        LogSent(logger, message.Id, attempt);
    }

    /// <summary>The body goes with the attempt that ends a message: it may carry a code, and nothing will send it again.</summary>
    private static Task<int> CloseAsync(IQueryable<OutboxMessage> message, OutboxState state, string? error, CancellationToken cancellationToken) =>
        message.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, state)
            .SetProperty(m => m.Body, (string?)null)
            .SetProperty(m => m.LastError, error), cancellationToken);

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - _lastPruned < PruneEvery)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        var before = (now - _options.Retention).ToUnixTimeMilliseconds();
        await db.Set<OutboxMessage>().Where(m => m.State != OutboxState.Pending && m.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
        _lastPruned = now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} sent (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, long messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MessageId} superseded by a newer message of its kind to the same user; not sent")]
    private static partial void LogSuperseded(ILogger logger, long messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MessageId} attempt {Attempt} failed ({ErrorType}); next attempt at {RetryAt:O}")]
    private static partial void LogRetry(ILogger logger, long messageId, int attempt, string errorType, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MessageId} given up after attempt {Attempt} ({ErrorType})")]
    private static partial void LogGivenUp(ILogger logger, long messageId, int attempt, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail outbox pass failed ({ErrorType}); retrying at the next poll")]
    private static partial void LogLoopFailed(ILogger logger, string errorType);
}
