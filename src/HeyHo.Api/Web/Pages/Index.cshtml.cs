using HeyHo.Api.Data;
using HeyHo.Api.Features.Account;
using Mapster;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Web.Pages;

/// <summary>The signed-in landing page: the caller's profile (as GET /api/v1/account answers it) and where to go next.</summary>
public sealed class IndexModel(UserManager<AppUser> users, TypeAdapterConfig mappings) : WebPageModel
{
    public Profile Profile { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.FindByIdAsync(User.GetClaim(Claims.Subject)!) is not { } user)
        {
            return LocalRedirect(WebPaths.SignOut);
        }
        Profile = user.Adapt<Profile>(mappings);
        return Page();
    }
}
