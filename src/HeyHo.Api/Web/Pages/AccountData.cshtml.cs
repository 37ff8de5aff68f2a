using HeyHo.Api.Auth;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Account;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// The export download (the NDJSON stream of GET /api/v1/account/export, as a file) and the account's deletion with
/// the password (the handler of DELETE /api/v1/account); a deleted account is signed out here.
/// </summary>
public sealed class AccountDataModel(
    HeyHoDbContext db, IUserDataExport data, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, SecurityLog log, SignInManager<AppUser> signIn,
    PasswordHashGate hashing, IValidator<DeleteAccount.Request> validator, TimeProvider clock) : SignedInPageModel
{
    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetExportAsync()
    {
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Response.Headers.ContentDisposition = $"attachment; filename=\"heyho-export-{day}.ndjson\"";
        await ExportAccountData.Handle(User, db, data, json, log, HttpContext).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var result = (await DeleteAccount.Handle(new DeleteAccount.Request(Password), validator, User, db, signIn, hashing, HttpContext, ct)).Result;
        if (result is NoContent)
        {
            await HttpContext.SignOutAsync(WebSessionCookie.Scheme);
            return LocalRedirect(Link(WebPaths.SignIn, ("notice", Notices.AccountDeleted)));
        }
        return await RefusedAsync(result);
    }
}
