using System.Globalization;
using System.Threading.Channels;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Mail;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Auth;

/// <summary>
/// Does the work of a reset request after its answer: looks the address up and, for an account, issues a code and
/// queues its message in the durable outbox (one transaction). The request itself only hands the address over, so a
/// known and an unknown address cost the caller the same and answer the same. A request lost in a crash before its
/// turn sends nothing; the user asks again.
/// </summary>
public sealed class PasswordResetMailer(IServiceScopeFactory scopes, IOptions<MailOptions> mail, ILogger<PasswordResetMailer> logger) : BackgroundService
{
    public const int Digits = 6;
    public const int MaxFailedAttempts = 5;
    public const string MailKind = "PasswordReset";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly Channel<(string Email, string UserAgent)> _requests =
        Channel.CreateBounded<(string, string)>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues the address; when the queue is full the request is dropped (and logged) and the answer stays the same.</summary>
    public void Enqueue(string email, string userAgent)
    {
        if (!_requests.Writer.TryWrite((email.Trim(), userAgent)))
        {
            logger.LogWarning("The password reset queue is full; a request was dropped");
        }
    }

    /// <summary>A code proves the address it was sent to.</summary>
    public static string BoundTo(UserManager<AppUser> users, string email) => users.NormalizeEmail(email);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (email, userAgent) in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HandleAsync(email, userAgent, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("A password reset request failed ({Error}); nothing was sent", e.GetType().Name);
            }
        }
    }

    private async Task HandleAsync(string email, string userAgent, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not { Email: { } address } user)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        var issued = await scope.ServiceProvider.GetRequiredService<OneTimeCodes>()
            .IssueAsync(user.Id, OneTimeCodePurpose.PasswordReset, BoundTo(users, address), Lifetime, Digits, ct);
        scope.ServiceProvider.GetRequiredService<MailOutbox>().Enqueue(db,
            new OutgoingMail(address, "Reset your HeyHo password", Body(address, issued.Code), user.Id, MailKind, issued.ExpiresAt));
        scope.ServiceProvider.GetRequiredService<SecurityLog>().AddWithDevice(user.Id, SecurityEventKind.PasswordResetRequested, null, userAgent);
        await db.SaveChangesAsync(ct);
    }

    private string Body(string email, string code)
    {
        var link = mail.Value.PublicBaseUrl is { } site
            ? string.Format(CultureInfo.InvariantCulture, "\nor open this link:\n\n    {0}/reset-password?email={1}&code={2}\n",
                site.TrimEnd('/'), Uri.EscapeDataString(email), code)
            : string.Empty;
        return string.Format(CultureInfo.InvariantCulture, """
            Hello,

            someone asked to reset the password of your HeyHo account. Your reset code is:

                {0}
            {1}
            It is valid for {2} minutes and can be used once. Resetting the password signs you out everywhere.

            If you did not ask for this, ignore this message: your password stays as it is.
            """, code, link, (int)Lifetime.TotalMinutes);
    }
}
