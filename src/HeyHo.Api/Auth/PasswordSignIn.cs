using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Auth;

/// <summary>
/// The password check of every sign-in – the token endpoint's password grant and the web sign-in page: one hashing
/// slot, one hash for an unknown or locked account too, lockout on failure, the metric and the security log.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, DummyPasswordHash dummy, PasswordHashGate hashing,
    HeyHoMetrics metrics, SecurityLog log, HeyHoDbContext db)
{
    /// <summary>The one answer for an unknown email, a wrong password and a locked account.</summary>
    public const string InvalidCredentials = "The email or password is invalid.";

    /// <summary>The signed-in user, or none (refused); <paramref name="Busy"/>: no hashing slot was free, nothing was checked.</summary>
    public readonly record struct Outcome(AppUser? User, bool Busy);

    public async Task<Outcome> CheckAsync(string? email, string? password, string clientId, HttpContext http)
    {
        using var slot = await hashing.EnterAsync(http.RequestAborted);
        if (slot is null)
        {
            return new Outcome(null, Busy: true);
        }

        var user = await users.FindByEmailAsync(email ?? string.Empty);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            dummy.Verify(password ?? string.Empty);
            metrics.Login(user is null ? "failed" : "locked_out");
            if (user is not null)
            {
                await log.WriteAsync(user.Id, SecurityEventKind.LoginFailed, http, clientId, "The account is locked.");
            }
            return default;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure: true);
        metrics.Login(result.Succeeded ? "succeeded" : result.IsLockedOut ? "locked_out" : "failed");
        // One insert per attempt; an unknown email has no account to log it to.
        log.Add(user.Id, result.Succeeded ? SecurityEventKind.LoginSucceeded : SecurityEventKind.LoginFailed, http, clientId);
        if (result.IsLockedOut)
        {
            log.Add(user.Id, SecurityEventKind.LockedOut, http, clientId, "Too many wrong passwords.");
        }
        await db.SaveChangesAsync(http.RequestAborted);
        return result.Succeeded ? new Outcome(user, Busy: false) : default;
    }
}
