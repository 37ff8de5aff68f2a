using FluentValidation;
using HeyHo.Api.Auth;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// Choose a new password with the emailed code (the message's link fills both fields): the reset endpoint's validator
/// and <see cref="PasswordResets"/> – policy first, the code's five tries, every session ended.
/// </summary>
public sealed class ResetPasswordModel(IValidator<ResetPassword.Request> validator, PasswordResets resets) : WebPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    public void OnGet() => StatusMessage = Notices.Text(Notice);

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new ResetPassword.Request(Email?.Trim(), Code, NewPassword);
        var validation = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            return Refuse(validation.ToDictionary());
        }

        var outcome = await resets.ResetAsync(request.Email!, request.Code!, request.NewPassword!, HttpContext);
        return outcome.Result switch
        {
            PasswordResets.Result.Done => LocalRedirect(Link(WebPaths.SignIn, ("email", request.Email), ("notice", Notices.PasswordReset))),
            PasswordResets.Result.PasswordRefused => Refuse("newPassword", outcome.Message!),
            PasswordResets.Result.CodeRefused => Refuse("code", ResetPassword.Refused),
            PasswordResets.Result.Busy => Busy(),
            _ => RefuseAll("The account was changed at the same moment; the password was not reset. Please try again."),
        };
    }
}
