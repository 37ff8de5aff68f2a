using HeyHo.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Web.Pages;

/// <summary>Sign out: ends this browser's HeyHo session (as a logout ends a token's) and deletes the cookie. POST only; the GET asks.</summary>
public sealed class SignOutModel(Sessions sessions) : WebPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.GetAuthorizationId() is { } sessionId && User.GetClaim(Claims.Subject) is { } userId)
        {
            await sessions.EndAsync(userId, sessionId, SessionEndedBy.Logout, HttpContext);
        }
        await HttpContext.SignOutAsync(WebSessionCookie.Scheme);
        return LocalRedirect(Link(WebPaths.SignIn, ("notice", Notices.SignedOut)));
    }
}
