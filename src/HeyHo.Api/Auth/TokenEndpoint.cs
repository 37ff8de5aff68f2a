using System.Collections.Immutable;
using System.Security.Claims;
using Carter;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// The token endpoint (POST /api/v1/auth/login). OpenIddict has already checked the client, grant type, scopes and,
/// for refresh tokens, signature, lifetime and redemption; this handler checks the user.
/// </summary>
public sealed class TokenEndpoint : ICarterModule
{
    private const string RefreshRefused = "The refresh token is no longer valid.";
    private const string CodeRefused = "The authorization code is no longer valid.";

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        // Problems this endpoint answers itself (429s) are JSON with a message, as the extension reads them.
        app.MapPost(AuthPaths.Token, Exchange).ExcludeFromDescription().AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PasswordGrants).WithExtensionErrors();
        app.MapPost(AuthPaths.Refresh, Exchange).ExcludeFromDescription().AllowAnonymous().WithExtensionErrors();
    }

    private static async Task<IResult> Exchange(
        HttpContext http, UserManager<AppUser> users, PasswordSignIn passwords, HeyHoMetrics metrics, SessionSignIn sessions)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var outcome = await passwords.CheckAsync(request.Username, request.Password, request.ClientId!, http);
            return outcome switch
            {
                { Busy: true } => PasswordHashGate.Busy(),
                { User: { } user } => await sessions.StartAsync(user, request, http),
                _ => Refuse(PasswordSignIn.InvalidCredentials),
            };
        }

        // A code or refresh token continues the session it was issued in, while its user may still sign in.
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            var user = principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
            var allowed = user is not null && !await users.IsLockedOutAsync(user)
                && principal!.GetClaim(SessionSignIn.SecurityStampClaim) == await users.GetSecurityStampAsync(user);
            if (request.IsRefreshTokenGrantType())
            {
                metrics.Refresh(allowed ? "succeeded" : "refused");
            }
            return allowed
                ? SessionSignIn.Continue(user!, principal!)
                : Refuse(request.IsRefreshTokenGrantType() ? RefreshRefused : CodeRefused);
        }

        return Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.UnsupportedGrantType,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The grant type is not supported.",
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Refuse(string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
