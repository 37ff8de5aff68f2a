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
    private const string InvalidCredentials = "The email or password is invalid.";
    private const string RefreshRefused = "The refresh token is no longer valid.";

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        // Problems this endpoint answers itself (429s) are JSON with a message, as the extension reads them.
        app.MapPost(AuthPaths.Token, Exchange).ExcludeFromDescription().AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.PasswordGrants).WithExtensionErrors();
        app.MapPost(AuthPaths.Refresh, Exchange).ExcludeFromDescription().AllowAnonymous().WithExtensionErrors();
    }

    private static async Task<IResult> Exchange(
        HttpContext http, UserManager<AppUser> users, SignInManager<AppUser> signIn, DummyPasswordHash dummy,
        PasswordHashGate hashing, HeyHoMetrics metrics, SessionSignIn sessions, SecurityLog log, HeyHoDbContext db)
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
                if (user is not null)
                {
                    await log.WriteAsync(user.Id, SecurityEventKind.LoginFailed, http, request.ClientId, "The account is locked.");
                }
                return Refuse(InvalidCredentials);
            }

            var result = await signIn.CheckPasswordSignInAsync(user, request.Password ?? string.Empty, lockoutOnFailure: true);
            metrics.Login(result.Succeeded ? "succeeded" : result.IsLockedOut ? "locked_out" : "failed");
            // One insert per attempt; an unknown email has no account to log it to.
            log.Add(user.Id, result.Succeeded ? SecurityEventKind.LoginSucceeded : SecurityEventKind.LoginFailed, http, request.ClientId);
            if (result.IsLockedOut)
            {
                log.Add(user.Id, SecurityEventKind.LockedOut, http, request.ClientId, "Too many wrong passwords.");
            }
            await db.SaveChangesAsync(http.RequestAborted);
            return result.Succeeded
                ? await sessions.StartAsync(user, request, http)
                : Refuse(InvalidCredentials);
        }

        if (request.IsRefreshTokenGrantType())
        {
            var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
            if (principal?.GetClaim(Claims.Subject) is not { } id
                || await users.FindByIdAsync(id) is not { } user
                || await users.IsLockedOutAsync(user)
                || principal.GetClaim(SessionSignIn.SecurityStampClaim) != await users.GetSecurityStampAsync(user))
            {
                metrics.Refresh("refused");
                return Refuse(RefreshRefused);
            }

            metrics.Refresh("succeeded");
            return SessionSignIn.Continue(user, principal);
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
