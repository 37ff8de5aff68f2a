using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Features.EmailVerification;

public static class VerifyEmail
{
    public sealed record Request(string? Email, string? Code);

    public sealed record Response(bool EmailVerified, string Message);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).Storable().NotEmpty().MaximumLength(256).EmailAddress();
            RuleFor(r => r.Code).NotEmpty().Must(c => c is null || IsCode(c.Trim()))
                .WithMessage($"'code' must be the {VerificationCodes.Digits} digits from the email.");
        }

        private static bool IsCode(string code) => code.Length == VerificationCodes.Digits && code.All(char.IsAsciiDigit);
    }

    /// <summary>The one answer for a wrong, expired, used or exhausted code and for an unknown address: it tells nothing about the account.</summary>
    public const string Refused = "The code is wrong or no longer valid. Request a new one if it has expired.";

    /// <summary>Marks the address verified when the code is right; a wrong code costs one of the code's tries.</summary>
    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        Request request, IValidator<Request> validator, VerificationCodes verification, HttpContext http, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var right = await verification.VerifyAsync(request.Email!, request.Code!, http);
        return right
            ? TypedResults.Ok(new Response(true, "Your email address is verified."))
            : Validation.Problem("code", Refused);
    }
}
