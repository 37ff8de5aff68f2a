using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Auth;

/// <summary>Sets a new password with the code from the reset message – for the reset endpoint and the web reset page.</summary>
public sealed class PasswordResets(
    UserManager<AppUser> users, HeyHoDbContext db, OneTimeCodes codes, Sessions sessions, SecurityLog log, PasswordHashGate hashing)
{
    public enum Result { Done, PasswordRefused, CodeRefused, Busy, Conflict }

    /// <summary><paramref name="Message"/>: why the policy refused the password.</summary>
    public readonly record struct Outcome(Result Result, string? Message = null);

    /// <summary>
    /// The password policy is checked first (a refused password does not cost the code); then, in one transaction, the
    /// code is spent, the password set, the security stamp rotated, a lockout cleared and every session ended – or, for
    /// a wrong code, one of the code's tries counted.
    /// </summary>
    public async Task<Outcome> ResetAsync(string email, string code, string newPassword, HttpContext http)
    {
        var ct = http.RequestAborted;
        var user = await users.FindByEmailAsync(email);
        // An unknown address is checked against the policy too (with the address alone), so its answer is the same.
        var candidate = user ?? new AppUser { Email = email.Trim(), UserName = email.Trim() };
        foreach (var policy in users.PasswordValidators)
        {
            if (await policy.ValidateAsync(users, candidate, newPassword) is { Succeeded: false } refused)
            {
                return new Outcome(Result.PasswordRefused, string.Join(" ", refused.Errors.Select(e => e.Description)));
            }
        }
        if (user is null)
        {
            return new Outcome(Result.CodeRefused);
        }

        using var slot = await hashing.EnterAsync(ct);
        if (slot is null)
        {
            return new Outcome(Result.Busy);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await codes.TryConsumeAsync(user.Id, OneTimeCodePurpose.PasswordReset, PasswordResetMailer.BoundTo(users, user.Email!),
                code.Trim(), PasswordResetMailer.MaxFailedAttempts, ct))
        {
            await transaction.CommitAsync(ct); // the wrong try stays counted
            return new Outcome(Result.CodeRefused);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var saved = await users.UpdateSecurityStampAsync(user); // saves the user with the new hash and stamp
        if (!saved.Succeeded)
        {
            await transaction.RollbackAsync(ct); // the code stays unspent
            return new Outcome(Result.Conflict);
        }
        log.Add(user.Id, SecurityEventKind.PasswordResetCompleted, http);
        await sessions.EndAllAsync(user.Id, SessionEndedBy.PasswordReset, http);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Outcome(Result.Done);
    }
}
