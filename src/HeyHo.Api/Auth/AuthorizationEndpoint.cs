using Carter;
using HeyHo.Api.Data;
using HeyHo.Api.Web;
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
/// signed in with <see cref="WebSessionCookie"/> – else it sends it to the sign-in page and back here. A third-party
/// client (explicit consent) without a live session of the user needs the user's answer: the consent page comes back
/// here with the request's own parameters and <see cref="ConsentParameter"/> – "deny", or a <see cref="ConsentTickets"/>
/// ticket. Then the code is issued for a new session of the client, with the same claims as the password grant.
/// </summary>
public sealed class AuthorizationEndpoint : ICarterModule
{
    public const string ConsentParameter = "consent";
    public const string Denied = "deny";

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapMethods(AuthPaths.Authorization, [HttpMethods.Get, HttpMethods.Post], Authorize).ExcludeFromDescription().AllowAnonymous();

    private static async Task<IResult> Authorize(
        HttpContext http, UserManager<AppUser> users, SessionSignIn signIn, Sessions sessions, IOpenIddictApplicationManager applications,
        ConsentTickets consents)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        var browser = await http.AuthenticateAsync(WebSessionCookie.Scheme);
        var user = browser.Principal?.GetClaim(Claims.Subject) is { } id ? await users.FindByIdAsync(id) : null;
        if (user is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back here after signing in, with the same parameters (a POSTed request comes back as a GET).
            return Results.Challenge(new AuthenticationProperties { RedirectUri = Here(http, http.Request.Path) }, [WebSessionCookie.Scheme]);
        }

        var client = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
        if (await applications.HasConsentTypeAsync(client, ConsentTypes.Explicit, http.RequestAborted)
            // Consent given once holds while one of the client's sessions is live.
            && !await sessions.AnyLiveAsync(user.Id, request.ClientId!, http.RequestAborted))
        {
            var answer = request.GetParameter(ConsentParameter)?.ToString();
            if (answer == Denied)
            {
                return Refuse(Errors.AccessDenied, "The user did not allow the application access.");
            }
            if (!consents.Allows(answer, user.Id, request.ClientId!, ConsentTickets.Request(request.RedirectUri, request.Scope, request.CodeChallenge)))
            {
                return request.HasPromptValue(PromptValues.None)
                    ? Refuse(Errors.ConsentRequired, "The application needs the user's consent.")
                    : Results.Redirect(Here(http, WebPaths.Consent));
            }
        }

        return await signIn.StartAsync(user, request, http);
    }

    /// <summary>This request's parameters (a form's or the query's) on a GET of <paramref name="path"/>.</summary>
    private static string Here(HttpContext http, PathString path)
    {
        var parameters = (http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList())
            .Where(p => p.Key != ConsentParameter);
        return http.Request.PathBase + path + QueryString.Create(parameters);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
