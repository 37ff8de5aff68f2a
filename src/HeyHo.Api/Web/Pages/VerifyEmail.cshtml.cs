using FluentValidation;
using HeyHo.Api.Features.EmailVerification;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>Enter the code from the sign-up message: the verify endpoint's validator and <see cref="VerificationCodes"/>, the same single answer for every refusal.</summary>
public sealed class VerifyEmailModel(IValidator<VerifyEmail.Request> validator, VerificationCodes verification) : WebPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    public void OnGet()
    {
        ReturnUrl = ReturnUrls.IsSafe(ReturnUrl) ? ReturnUrl : null;
        StatusMessage = Notices.Text(Notice);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = ReturnUrls.IsSafe(ReturnUrl) ? ReturnUrl : null;
        var request = new VerifyEmail.Request(Email?.Trim(), Code);
        var validation = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            return Refuse(validation.ToDictionary());
        }
        if (!await verification.VerifyAsync(request.Email!, request.Code!, HttpContext))
        {
            return Refuse("code", VerifyEmail.Refused);
        }
        return LocalRedirect(Link(WebPaths.SignIn, ("email", request.Email), ("notice", Notices.Verified), (WebPaths.ReturnUrl, ReturnUrl)));
    }
}
