using Carter;
using HeyHo.Api.Data;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// The authorization endpoint (GET or POST /api/v1/auth/authorize), authorization code flow for the configured public
/// clients. OpenIddict has already checked the client, the redirect URI (exactly, or a loopback one with any port:
/// <see cref="LoopbackRedirectPorts"/>), the response type and PKCE (S256, required); this handler needs a browser
/// signed in with <see cref="WebSessionCookie"/> – else it sends it to the sign-in page and back here – and then issues
/// the code for a new session of the client, with the same claims as the password grant.
/// </summary>
public sealed class AuthorizationEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapMethods(AuthPaths.Authorization, [HttpMethods.Get, HttpMethods.Post], Authorize).ExcludeFromDescription().AllowAnonymous();

    private static async Task<IResult> Authorize(HttpContext http, UserManager<AppUser> users, SessionSignIn sessions)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        var browser = await http.AuthenticateAsync(WebSessionCookie.Scheme);
        var user = browser.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.LoginRequired,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user is not signed in.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // Back here after signing in, with the same parameters (a POSTed request comes back as a GET).
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [WebSessionCookie.Scheme]);
        }

        return await sessions.StartAsync(user, request, http);
    }
}
