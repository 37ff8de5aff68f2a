using FluentValidation;
using HeyHo.Api.Auth;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// Ask for a reset code: the reset-request endpoint's validator, its per-address limit (here) and per-IP policy (the
/// page's endpoint), and <see cref="PasswordResetMailer"/>, which looks the address up after the answer – the same
/// answer, at the same cost, for every address.
/// </summary>
public sealed class ForgotPasswordModel(
    IValidator<RequestPasswordReset.Request> validator, PasswordResetMailer mailer,
    [FromKeyedServices(PasswordResetSetup.RequestsPerEmail)] BodyRateLimits.BodyRateLimiter perEmail) : WebPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new RequestPasswordReset.Request(Email?.Trim());
        var validation = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            return Refuse(validation.ToDictionary());
        }
        if (!perEmail.TryAcquire(RequestPasswordReset.RateLimitKey(request), out var retryAfter))
        {
            return TooMany(retryAfter);
        }
        mailer.Enqueue(request.Email!, Request.Headers.UserAgent.ToString());
        return LocalRedirect(Link(WebPaths.ResetPassword, ("email", request.Email), ("notice", Notices.ResetCodeSent)));
    }
}
