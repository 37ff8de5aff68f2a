using FluentValidation;
using HeyHo.Api.Auth;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// Create an account: the register endpoint's validator and <see cref="AccountCreation"/> (password policy, hashing
/// slot, the verification code mailed with the account) under the same per-address limit; then the code step.
/// </summary>
public sealed class SignUpModel(IValidator<Register.Request> validator, AccountCreation accounts) : WebPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => ReturnUrl = ReturnUrls.IsSafe(ReturnUrl) ? ReturnUrl : null;

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = ReturnUrls.IsSafe(ReturnUrl) ? ReturnUrl : null;
        var request = new Register.Request(Email?.Trim(), Password, DisplayName, null, null);
        var validation = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            return Refuse(validation.ToDictionary());
        }

        var created = await accounts.CreateAsync(request, ClientNames.WebClientId, HttpContext);
        if (created.Busy)
        {
            return Busy();
        }
        if (created.EmailTaken)
        {
            return Refuse("email", AccountCreation.TakenMessage);
        }
        if (created.User is null)
        {
            return Refuse(created.Errors!);
        }
        return LocalRedirect(Link(WebPaths.VerifyEmail, ("email", request.Email), ("notice", Notices.CodeSent), (WebPaths.ReturnUrl, ReturnUrl)));
    }
}
