using HeyHo.Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// The web pages' sign-in: a cookie of its own scheme whose principal names a HeyHo session (an authorization of client
/// <see cref="ClientNames.WebClientId"/>, see <see cref="SessionSignIn.StartWebAsync"/>), so it is listed and ended like
/// any other session. Every request checks that session (one indexed lookup, as <see cref="RejectEndedSessions"/> does
/// for access tokens): a cookie whose session has ended is refused and deleted at once.
/// </summary>
public static class WebSessionCookie
{
    public const string Scheme = "HeyHo.Web";

    /// <summary>
    /// HttpOnly; Secure outside Development (and then the <c>__Host-</c> prefix: this host only, path /); SameSite=Lax,
    /// because the authorization endpoint is reached by a cross-site navigation (an extension's auth flow, a native
    /// app opening the browser) that must carry the cookie – Strict would ask a signed-in user to sign in again.
    /// The lifetime is absolute: the cookie is not renewed while it is used.
    /// </summary>
    public static void Configure(CookieAuthenticationOptions options, IHostEnvironment environment, AuthOptions auth, string signInPath, string returnUrlParameter)
    {
        var development = environment.IsDevelopment();
        options.Cookie.Name = development ? "heyho.session" : "__Host-heyho.session";
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.Path = "/";
        options.Cookie.IsEssential = true;
        options.ExpireTimeSpan = auth.WebSessionLifetime;
        options.SlidingExpiration = false;
        options.LoginPath = signInPath;
        options.ReturnUrlParameter = returnUrlParameter;
        options.Events.OnValidatePrincipal = RejectEndedSessionAsync;
        // The sign-in page decides where to go next (only to a local path); the handler's own redirect to the query's returnUrl is off.
        options.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
    }

    private static async Task RejectEndedSessionAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<HeyHoDbContext>();
        if (context.Principal is not { } principal
            || !await Sessions.IsLiveAsync(db, principal.GetAuthorizationId(), principal.GetClaim(Claims.Subject), context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
