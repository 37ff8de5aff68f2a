using System.Globalization;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Mail;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Features.EmailVerification;

/// <summary>Issues email-verification codes and mails them: the one step every sign-up path and the resend call.</summary>
public sealed class VerificationCodes(HeyHoDbContext db, OneTimeCodes codes, MailOutbox outbox, UserManager<AppUser> users, SecurityLog log)
{
    public const int Digits = 6;
    public const int MaxFailedAttempts = 5;
    public const string MailKind = "EmailVerification";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Tracks a fresh code for the user's address (replacing any earlier one) and the message that carries it. The
    /// caller's SaveChanges stores both with whatever else it saves – at sign-up, Identity's insert of the user – so
    /// there is no account without its code and no code without its message, even while the mail server is down.
    /// </summary>
    public async Task IssueAsync(AppUser user, CancellationToken cancellationToken)
    {
        var email = user.Email ?? throw new InvalidOperationException("A user without an email address cannot verify it.");
        var issued = await codes.IssueAsync(user.Id, OneTimeCodePurpose.EmailVerification, BoundTo(email), Lifetime, Digits, cancellationToken);
        outbox.Enqueue(db, new OutgoingMail(email, "Your HeyHo verification code", Body(issued.Code), user.Id, MailKind, issued.ExpiresAt));
    }

    /// <summary>Replaces the account's code with a new one and mails it – only for a known address that is not verified yet.</summary>
    public async Task ResendAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is { EmailConfirmed: false } user)
        {
            await IssueAsync(user, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Marks the address verified when the code is right; a wrong code costs one of the code's tries. False for a wrong,
    /// expired, used or exhausted code and for an unknown address alike.
    /// </summary>
    public async Task<bool> VerifyAsync(string email, string code, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return false;
        }

        // One transaction: the code is spent only together with the address being marked verified, and a wrong try is
        // counted whatever the answer.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var right = await codes.TryConsumeAsync(user.Id, OneTimeCodePurpose.EmailVerification, BoundTo(user.Email!), code.Trim(), MaxFailedAttempts, ct);
        if (right)
        {
            // A new concurrency stamp: a save of this user that read the row before now fails instead of undoing this.
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.EmailConfirmed, true)
                .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
            await log.WriteAsync(user.Id, SecurityEventKind.EmailVerified, http);
        }
        await transaction.CommitAsync(ct);
        return right;
    }

    /// <summary>A code proves the address it was sent to, not whatever address the account has later.</summary>
    public string BoundTo(string email) => users.NormalizeEmail(email);

    private static string Body(string code) => string.Format(CultureInfo.InvariantCulture, """
        Hello,

        your HeyHo verification code is:

            {0}

        Enter it in the HeyHo extension to confirm this email address. It is valid for {1} minutes and can be used once.

        If you did not sign up for HeyHo, you can ignore this message.
        """, code, (int)Lifetime.TotalMinutes);
}
