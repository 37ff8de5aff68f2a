using HeyHo.Api.Auth;
using Microsoft.AspNetCore.Identity;
using HeyHo.Api.Infrastructure.Security;

namespace HeyHo.Api.Features.Account;

public static class ChangePassword
{
    public sealed record Request(string? CurrentPassword, string? NewPassword);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CurrentPassword).NotEmpty();
            RuleFor(r => r.NewPassword).NotEmpty().Length(PasswordRules.MinLength, PasswordRules.MaxLength);
        }
    }

    /// <summary>
    /// Changing the password rotates the security stamp (refresh grants compare it) and ends every session of the user,
    /// the caller's own included: every refresh and access token issued before stops working, and the caller signs in
    /// again with the new password.
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> Handle(
        Request request, IValidator<Request> validator, ClaimsPrincipal caller, UserManager<AppUser> users,
        Sessions sessions, SecurityLog log, HeyHoDbContext db, PasswordHashGate hashing, HttpContext http, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (await users.FindByIdAsync(caller.UserId()) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        if (await users.IsLockedOutAsync(user))
        {
            return Validation.Problem("currentPassword", PasswordCheck.Incorrect);
        }

        using var slot = await hashing.EnterAsync(ct);
        if (slot is null)
        {
            return PasswordHashGate.Busy(http.Response);
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (AccountConcurrency.LostTheRace(result))
        {
            return AccountConcurrency.Conflict("the password was not changed"); // tokens stay as they were, too
        }
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
                return Validation.Problem("currentPassword", PasswordCheck.Incorrect);
            }
            return Validation.Problem("newPassword", string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.ResetAccessFailedCountAsync(user);
        log.Add(user.Id, SecurityEventKind.PasswordChanged, http);
        await sessions.EndAllAsync(user.Id, SessionEndedBy.PasswordChange, http);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
