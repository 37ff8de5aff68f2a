using System.Globalization;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.EmailVerification;

/// <summary>Issues email-verification codes and mails them: the one step every sign-up path and the resend call.</summary>
public sealed class VerificationCodes(HeyHoDbContext db, OneTimeCodes codes, MailOutbox outbox, UserManager<AppUser> users)
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
