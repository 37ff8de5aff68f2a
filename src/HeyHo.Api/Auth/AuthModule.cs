using Carter;
using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Auth;

/// <summary>The account endpoints under /api/v1/auth besides the OAuth ones (<see cref="TokenEndpoint"/>).</summary>
public sealed class AuthModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("").WithTags("Auth").WithExtensionErrors();
        auth.MapPost(AuthPaths.Register, Register.Handle).AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Registrations)
            .Produces<RegisteredAnswer>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapGet(AuthPaths.Me, GetMe.Handle).RequireAuthorization();
        auth.MapPost(AuthPaths.Logout, Logout.Handle).AllowAnonymous();
        auth.MapPost(AuthPaths.PasswordResetRequest, RequestPasswordReset.Handle).AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PasswordResetRequests)
            .RequireRateLimitingPer<RequestPasswordReset.Request>(PasswordResetSetup.RequestsPerEmail, RequestPasswordReset.RateLimitKey)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        auth.MapPost(AuthPaths.PasswordReset, ResetPassword.Handle).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
