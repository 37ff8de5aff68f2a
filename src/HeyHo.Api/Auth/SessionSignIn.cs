using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using HeyHo.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// Signs a user in through OpenIddict. A login (or registration) starts a session – an ad-hoc authorization naming the
/// client and the device – that every token of that login carries; a refresh continues the session of its token.
/// </summary>
public sealed class SessionSignIn(
    IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations,
    IOptions<AuthOptions> options, TimeProvider clock)
{
    internal const string SecurityStampClaim = "heyho_stamp";
    private const int MaxDeviceLength = 256;

    public async Task<SignInHttpResult> StartAsync(AppUser user, OpenIddictRequest request, HttpContext http)
    {
        var identity = Identity(user, request.GetScopes());
        identity.SetAuthorizationId(await CreateSessionAsync(user, request.ClientId!, identity, AuthorizationTypes.AdHoc, http));
        if (request.ClientId == ExtensionClient.ClientId)
        {
            identity.SetRefreshTokenLifetime(options.Value.ExtensionRefreshTokenLifetime);
        }
        return SignIn(identity);
    }

    /// <summary>
    /// A browser's sign-in (client <see cref="ClientNames.WebClientId"/>): the same claims, for the web cookie scheme. Its
    /// session is permanent (no token refers to it, so pruning must not take it for an orphan); it ends at sign-out,
    /// from the sessions list, or when the cookie's lifetime is over (<see cref="Sessions.EndExpiredWebSessionsAsync"/>).
    /// </summary>
    public async Task<ClaimsPrincipal> StartWebAsync(AppUser user, string authenticationScheme, HttpContext http)
    {
        var identity = Identity(user, [], authenticationScheme);
        identity.SetAuthorizationId(await CreateSessionAsync(user, ClientNames.WebClientId, identity, AuthorizationTypes.Permanent, http));
        return new ClaimsPrincipal(identity);
    }

    private async Task<string?> CreateSessionAsync(AppUser user, string clientId, ClaimsIdentity identity, string type, HttpContext http)
    {
        var application = await applications.FindByClientIdAsync(clientId, http.RequestAborted)
            ?? throw new InvalidOperationException($"The client {clientId} is not registered.");
        var userAgent = http.Request.Headers.UserAgent.ToString();
        var session = await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = await applications.GetIdAsync(application, http.RequestAborted),
            CreationDate = clock.GetUtcNow(),
            Principal = new ClaimsPrincipal(identity),
            Status = Statuses.Valid,
            Subject = user.Id,
            Type = type,
            Properties = { ["device"] = JsonSerializer.SerializeToElement(userAgent[..Math.Min(userAgent.Length, MaxDeviceLength)]) },
        }, http.RequestAborted);
        return await authorizations.GetIdAsync(session, http.RequestAborted);
    }

    public static SignInHttpResult Continue(AppUser user, ClaimsPrincipal refreshed)
    {
        var identity = Identity(user, refreshed.GetScopes());
        if (refreshed.GetAuthorizationId() is { } sessionId)
        {
            identity.SetAuthorizationId(sessionId);
        }
        return SignIn(identity);
    }

    private static ClaimsIdentity Identity(
        AppUser user, ImmutableArray<string> scopes, string authenticationType = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
    {
        var identity = new ClaimsIdentity(authenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.DisplayName ?? user.Email)
            .SetClaim(SecurityStampClaim, user.SecurityStamp);
        identity.SetScopes(scopes);
        // The stamp stays in the (encrypted) refresh token only, where the refresh grant compares it.
        identity.SetDestinations(claim => claim.Type is Claims.Email or Claims.Name ? [Destinations.AccessToken] : []);
        return identity;
    }

    private static SignInHttpResult SignIn(ClaimsIdentity identity) =>
        TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
