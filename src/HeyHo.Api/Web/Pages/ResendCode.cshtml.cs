using FluentValidation;
using HeyHo.Api.Features.EmailVerification;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// Sends a new verification code: the resend endpoint's validator, its per-address limit (here) and per-IP policy
/// (the page's endpoint), and <see cref="VerificationCodes.ResendAsync"/>. The same answer whatever the address.
/// </summary>
public sealed class ResendCodeModel(
    IValidator<ResendVerification.Request> validator, VerificationCodes verification,
    [FromKeyedServices(EmailVerificationSetup.ResendsPerEmail)] BodyRateLimits.BodyRateLimiter perEmail) : WebPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => LocalRedirect(WebPaths.VerifyEmail);

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new ResendVerification.Request(Email?.Trim());
        var back = Link(WebPaths.VerifyEmail, ("email", request.Email), ("notice", Notices.CodeSent),
            (WebPaths.ReturnUrl, ReturnUrls.IsSafe(ReturnUrl) ? ReturnUrl : null));
        if (!(await validator.ValidateAsync(request, HttpContext.RequestAborted)).IsValid)
        {
            return LocalRedirect(Link(WebPaths.VerifyEmail, ("email", request.Email)));
        }
        if (!perEmail.TryAcquire(ResendVerification.RateLimitKey(request), out var retryAfter))
        {
            return TooMany(retryAfter);
        }
        await verification.ResendAsync(request.Email!, HttpContext.RequestAborted);
        return LocalRedirect(back);
    }
}
