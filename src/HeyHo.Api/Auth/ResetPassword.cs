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

    /// <summary>The rules are <see cref="PasswordResets"/>'; this maps their outcome to the API's answers.</summary>
    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, IValidator<Request> validator, PasswordResets resets, HttpContext http, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var outcome = await resets.ResetAsync(request.Email!, request.Code!, request.NewPassword!, http);
        return outcome.Result switch
        {
            PasswordResets.Result.Done => TypedResults.NoContent(),
            PasswordResets.Result.PasswordRefused => Validation.Problem("newPassword", outcome.Message!),
            PasswordResets.Result.CodeRefused => Validation.Problem("code", Refused),
            PasswordResets.Result.Busy => PasswordHashGate.Busy(http.Response),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The account was changed at the same moment; the password was not reset. Retry."),
        };
    }
}
