using HeyHo.Api.Data;
using HeyHo.Api.Features.Account;
using HeyHo.Api.Features.EmailVerification;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Auth;

/// <summary>
/// Creates an account from a validated <see cref="Register.Request"/> – for the register endpoint and the web sign-up
/// page: the password policy, one hashing slot, the verification code mailed in the user's transaction, the race for
/// the same address answered as "taken", and the security log.
/// </summary>
public sealed class AccountCreation(UserManager<AppUser> users, TimeProvider clock, PasswordHashGate hashing, VerificationCodes verification, SecurityLog log)
{
    /// <summary>
    /// One of: the new <paramref name="User"/>; field <paramref name="Errors"/> (keyed by JSON name: email, password);
    /// <paramref name="EmailTaken"/>; <paramref name="Busy"/> (no hashing slot was free, nothing was created).
    /// </summary>
    public sealed record Outcome(AppUser? User, IDictionary<string, string[]>? Errors = null, bool EmailTaken = false, bool Busy = false);

    public const string TakenMessage = "The email is already registered.";

    public async Task<Outcome> CreateAsync(Register.Request request, string? clientId, HttpContext http)
    {
        var firstName = Names.Clean(request.GivenName);
        var lastName = Names.Clean(request.FamilyName);
        var user = new AppUser
        {
            Email = request.Email,
            UserName = request.Email,
            FirstName = firstName,
            LastName = lastName,
            DisplayName = Names.Clean(request.DisplayName) ?? Names.Clean($"{firstName} {lastName}"),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        using var slot = await hashing.EnterAsync(http.RequestAborted);
        if (slot is null)
        {
            return new Outcome(null, Busy: true);
        }

        // Saved by CreateAsync together with the user, in one transaction: the code's message waits in the outbox.
        await verification.IssueAsync(user, http.RequestAborted);
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, request.Password!);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // A concurrent registration of the same email (on this node or another) won the unique index between
            // Identity's duplicate check and this insert: the same answer as when the check catches it.
            if (await users.FindByEmailAsync(request.Email!) is not null)
            {
                return new Outcome(null, EmailTaken: true);
            }
            throw;
        }
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return new Outcome(null, EmailTaken: true);
        }
        if (!result.Succeeded)
        {
            return new Outcome(null, result.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        await log.WriteAsync(user.Id, SecurityEventKind.SignedUp, http, clientId);
        return new Outcome(user);
    }
}
