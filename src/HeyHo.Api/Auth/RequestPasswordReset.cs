using FluentValidation;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Auth;

/// <summary>POST /api/v1/auth/password-reset/request: mails a reset code to the address if it has an account.</summary>
public static class RequestPasswordReset
{
    public sealed record Request(string? Email);

    public sealed record Response(string Message);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator() => RuleFor(r => r.Email).Storable().NotEmpty().MaximumLength(256).EmailAddress();
    }

    /// <summary>The one answer for a known and an unknown address: it tells nothing about the account.</summary>
    public static readonly Response Queued = new("If this address belongs to an account, a reset code is on its way.");

    /// <summary>Hands the address to <see cref="PasswordResetMailer"/> and answers at once, the same for every address.</summary>
    public static async Task<Results<Accepted<Response>, ValidationProblem>> Handle(
        Request request, IValidator<Request> validator, PasswordResetMailer mailer, HttpContext http, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        mailer.Enqueue(request.Email!, http.Request.Headers.UserAgent.ToString());
        return TypedResults.Accepted((string?)null, Queued);
    }

    /// <summary>The per-address limit's partition: the address as Identity compares it (none for what cannot be an address).</summary>
    public static string? RateLimitKey(Request request) =>
        request.Email?.Trim() is { Length: > 0 and <= 256 } email ? email.ToUpperInvariant() : null;
}
