using HeyHo.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// Sign in with email and password: the same check as the token endpoint's password grant (<see cref="PasswordSignIn"/>:
/// lockout, one hash for unknown and wrong alike, the same answer for both) and the same rate-limit windows, then a
/// HeyHo session for this browser in the web cookie.
/// </summary>
public sealed class SignInModel(PasswordSignIn passwords, PasswordGrantRateLimit limits, SessionSignIn sessions) : WebPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    /// <summary>Set after signing in for an OAuth client: the page continues there itself (see the view).</summary>
    public string? ContinueTo { get; private set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.AuthenticationType == WebSessionCookie.Scheme)
        {
            return LocalRedirect(ReturnUrls.Local(ReturnUrl));
        }
        ReturnUrl = ReturnUrls.IsSafe(ReturnUrl) ? ReturnUrl : null;
        StatusMessage = Notices.Text(Notice);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var returnUrl = ReturnUrls.Local(ReturnUrl);
        ReturnUrl = returnUrl == WebPaths.Home ? null : returnUrl;
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            return RefuseAll(PasswordSignIn.InvalidCredentials);
        }
        if (!limits.TryAcquire(HttpContext, Email, out var retryAfter))
        {
            return TooMany(retryAfter);
        }

        var outcome = await passwords.CheckAsync(Email, Password, ClientNames.WebClientId, HttpContext);
        if (outcome.Busy)
        {
            return Busy();
        }
        if (outcome.User is not { } user)
        {
            return RefuseAll(PasswordSignIn.InvalidCredentials);
        }

        var principal = await sessions.StartWebAsync(user, WebSessionCookie.Scheme, HttpContext);
        await HttpContext.SignInAsync(WebSessionCookie.Scheme, principal, new AuthenticationProperties { IsPersistent = true });
        if (returnUrl.StartsWith(AuthPaths.Authorization, StringComparison.OrdinalIgnoreCase))
        {
            // The authorization endpoint redirects on to the client (a loopback or chromiumapp.org address); browsers
            // apply this page's CSP form-action to every redirect after a form post, so that hop starts afresh.
            ContinueTo = returnUrl;
            return Page();
        }
        return LocalRedirect(returnUrl);
    }
}
