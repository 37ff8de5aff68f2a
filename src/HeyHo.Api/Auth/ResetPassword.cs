using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Auth;

/// <summary>POST /api/v1/auth/password-reset: sets a new password with the code from the reset message.</summary>
public static class ResetPassword
{
    public sealed record Request(string? Email, string? Code, string? NewPassword);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).Storable().NotEmpty().MaximumLength(256).EmailAddress();
            RuleFor(r => r.Code).NotEmpty().Must(c => c is null || IsCode(c.Trim()))
                .WithMessage($"'code' must be the {PasswordResetMailer.Digits} digits from the email.");
            RuleFor(r => r.NewPassword).NotEmpty().Length(PasswordRules.MinLength, PasswordRules.MaxLength)
                .WithMessage(PasswordRules.LengthMessage);
        }

        private static bool IsCode(string code) => code.Length == PasswordResetMailer.Digits && code.All(char.IsAsciiDigit);
    }

    /// <summary>The one answer for a wrong, expired, used or exhausted code and for an unknown address.</summary>
    public const string Refused = "The code is wrong or no longer valid. Request a new one if it has expired.";

    /// <summary>
    /// The password policy is checked first (a refused password does not cost the code); then, in one transaction, the
    /// code is spent, the password set, the security stamp rotated, a lockout cleared and every session ended – or, for
    /// a wrong code, one of the code's tries counted.
    /// </summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, IValidator<Request> validator, UserManager<AppUser> users, HeyHoDbContext db, OneTimeCodes codes,
        Sessions sessions, SecurityLog log, PasswordHashGate hashing, HttpContext http, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var user = await users.FindByEmailAsync(request.Email!);
        // An unknown address is checked against the policy too (with the address alone), so its answer is the same.
        var candidate = user ?? new AppUser { Email = request.Email!.Trim(), UserName = request.Email!.Trim() };
        foreach (var policy in users.PasswordValidators)
        {
            if (await policy.ValidateAsync(users, candidate, request.NewPassword!) is { Succeeded: false } refused)
            {
                return Validation.Problem("newPassword", string.Join(" ", refused.Errors.Select(e => e.Description)));
            }
        }
        if (user is null)
        {
            return Validation.Problem("code", Refused);
        }

        using var slot = await hashing.EnterAsync(ct);
        if (slot is null)
        {
            return PasswordHashGate.Busy(http.Response);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await codes.TryConsumeAsync(user.Id, OneTimeCodePurpose.PasswordReset, PasswordResetMailer.BoundTo(users, user.Email!),
                request.Code!.Trim(), PasswordResetMailer.MaxFailedAttempts, ct))
        {
            await transaction.CommitAsync(ct); // the wrong try stays counted
            return Validation.Problem("code", Refused);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, request.NewPassword!);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var saved = await users.UpdateSecurityStampAsync(user); // saves the user with the new hash and stamp
        if (!saved.Succeeded)
        {
            await transaction.RollbackAsync(ct); // the code stays unspent
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The account was changed at the same moment; the password was not reset. Retry.");
        }
        log.Add(user.Id, SecurityEventKind.PasswordResetCompleted, http);
        await sessions.EndAllAsync(user.Id, SessionEndedBy.PasswordReset, http);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
