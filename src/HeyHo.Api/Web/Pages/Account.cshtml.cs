using HeyHo.Api.Auth;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Account;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// The profile (names, time zone) and the password change, through the handlers of PATCH /api/v1/account and
/// POST /api/v1/account/password. A changed password ends every session, this browser's too: it signs in again.
/// </summary>
public sealed class AccountModel(
    HeyHoDbContext db, UserManager<AppUser> users, TypeAdapterConfig mappings, Sessions sessions, SecurityLog log, PasswordHashGate hashing,
    IValidator<UpdateProfile.Request> profileValidator, IValidator<ChangePassword.Request> passwordValidator) : SignedInPageModel
{
    public const string Saved = "profile-saved";

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        StatusMessage = Notice == Saved ? "Your profile is saved." : null;
        return await LoadAsync(keepTyped: false, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        var request = new UpdateProfile.Request(DisplayName, FirstName ?? "", LastName ?? "", TimeZone ?? "");
        var result = (await UpdateProfile.Handle(request, profileValidator, User, users, db, mappings)).Result;
        if (result is Ok<Profile>)
        {
            return LocalRedirect(Link(WebPaths.Account, ("notice", Saved)));
        }
        return await LoadAsync(keepTyped: true, ct) ?? await RefusedAsync(result);
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var request = new ChangePassword.Request(CurrentPassword, NewPassword);
        var result = (await ChangePassword.Handle(request, passwordValidator, User, users, sessions, log, db, hashing, HttpContext, ct)).Result;
        if (result is NoContent)
        {
            await HttpContext.SignOutAsync(WebSessionCookie.Scheme);
            return LocalRedirect(Link(WebPaths.SignIn, ("notice", Notices.PasswordReset)));
        }
        return await LoadAsync(keepTyped: false, ct) ?? await RefusedAsync(result);
    }

    /// <summary>The stored profile; on a refused profile form the fields keep what was typed.</summary>
    private async Task<IActionResult?> LoadAsync(bool keepTyped, CancellationToken ct)
    {
        if (await users.FindByIdAsync(User.UserId()) is not { } user)
        {
            return await RefusedAsync(TypedResults.Unauthorized());
        }
        var profile = user.Adapt<Profile>(mappings);
        Email = profile.Email;
        if (!keepTyped)
        {
            (DisplayName, FirstName, LastName, TimeZone) = (profile.DisplayName, profile.FirstName, profile.LastName, profile.TimeZone);
        }
        return null;
    }
}
