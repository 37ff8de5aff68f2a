using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.EmailVerification;

public static class ResendVerification
{
    public sealed record Request(string? Email);

    public sealed record Response(string Message);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator() => RuleFor(r => r.Email).Storable().NotEmpty().MaximumLength(256).EmailAddress();
    }

    /// <summary>The one answer for an unverified, a verified and an unknown address: it tells nothing about the account.</summary>
    public static readonly Response Queued = new("If this address belongs to an account that is not verified yet, a new code is on its way.");

    /// <summary>Replaces the account's code with a new one and mails it – only for a known address that is not verified yet.</summary>
    public static async Task<Results<Accepted<Response>, ValidationProblem>> Handle(
        Request request, IValidator<Request> validator, VerificationCodes verification, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await verification.ResendAsync(request.Email!, ct);
        return TypedResults.Accepted((string?)null, Queued);
    }

    /// <summary>The per-address limit's partition: the address as Identity compares it (none for what cannot be an address).</summary>
    public static string? RateLimitKey(Request request) =>
        request.Email?.Trim() is { Length: > 0 and <= 256 } email ? email.ToUpperInvariant() : null;
}
