using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.Account;

/// <summary>Re-authentication for account changes: wrong passwords count towards lockout, as on the token endpoint.</summary>
internal static class PasswordCheck
{
    public const string Incorrect = "The password is incorrect.";

    public static async Task<bool> IsCorrectAsync(SignInManager<AppUser> signIn, AppUser user, string password) =>
        !await signIn.UserManager.IsLockedOutAsync(user)
        && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded;
}
