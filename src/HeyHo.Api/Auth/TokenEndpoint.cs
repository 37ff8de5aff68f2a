using System.Collections.Immutable;
using System.Security.Claims;
using Carter;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
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
    internal const string SecurityStampClaim = "heyho_stamp";
    private const string InvalidCredentials = "The email or password is invalid.";
    private const string RefreshRefused = "The refresh token is no longer valid.";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(AuthPaths.Token, Exchange).ExcludeFromDescription().AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PasswordGrants);

    private static async Task<IResult> Exchange(
        HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, DummyPasswordHash dummy,
        PasswordHashGate hashing, HeyHoMetrics metrics)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            using var slot = await hashing.EnterAsync(http.RequestAborted);
            if (slot is null)
            {
                return PasswordHashGate.Busy();
            }

            var user = await users.FindByEmailAsync(request.Username ?? string.Empty);
            if (user is null || await users.IsLockedOutAsync(user))
            {
                dummy.Verify(request.Password ?? string.Empty);
                metrics.Login(user is null ? "failed" : "locked_out");
                return Refuse(InvalidCredentials);
            }

            var result = await signIn.CheckPasswordSignInAsync(user, request.Password ?? string.Empty, lockoutOnFailure: true);
            metrics.Login(result.Succeeded ? "succeeded" : result.IsLockedOut ? "locked_out" : "failed");
            return result.Succeeded
                ? SignIn(user, request.GetScopes())
                : Refuse(InvalidCredentials);
        }

        if (request.IsRefreshTokenGrantType())
        {
            var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            if (principal?.GetClaim(Claims.Subject) is not { } id
                || await users.FindByIdAsync(id) is not { } user
                || await users.IsLockedOutAsync(user)
                || principal.GetClaim(SecurityStampClaim) != await users.GetSecurityStampAsync(user))
            {
                metrics.Refresh("refused");
                return Refuse(RefreshRefused);
            }

            metrics.Refresh("succeeded");
            return SignIn(user, principal.GetScopes());
        }

        return Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.UnsupportedGrantType,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The grant type is not supported.",
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult SignIn(AppUser user, ImmutableArray<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.DisplayName ?? user.Email)
            .SetClaim(SecurityStampClaim, user.SecurityStamp);
        identity.SetScopes(scopes);
        // The stamp stays in the (encrypted) refresh token only, where the refresh grant compares it.
        identity.SetDestinations(claim => claim.Type is Claims.Email or Claims.Name
            ? [Destinations.AccessToken]
            : []);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
