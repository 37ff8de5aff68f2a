using Carter;
using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Features.EmailVerification;

/// <summary>Where the published extension calls them: directly under the API base, not under /auth.</summary>
public sealed class EmailVerificationModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Email verification").AllowAnonymous().WithExtensionErrors();
        api.MapPost("/verify-email", VerifyEmail.Handle)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/resend-verification", ResendVerification.Handle)
            .RequireRateLimiting(RateLimitPolicies.VerificationResends)
            .RequireRateLimitingPer<ResendVerification.Request>(EmailVerificationSetup.ResendsPerEmail, ResendVerification.RateLimitKey)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
