using HeyHo.Api.Auth;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// Where the user is signed in, with "end" and "end all others" (the handlers of /api/v1/account/sessions; this
/// browser's session is the current one), and the security log, newest first, paged by its cursor.
/// </summary>
public sealed class AccountSessionsModel(HeyHoDbContext db, Sessions sessions, ClientNames names) : SignedInPageModel
{
    public const int LogPageSize = 20;

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    /// <summary>How many sessions the last action ended (shown after its redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Ended { get; set; }

    public IReadOnlyList<ListSessions.Session> Live { get; private set; } = [];

    public IReadOnlyList<ListSecurityLog.Item> Log { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Ended is { } count)
        {
            StatusMessage = count == 1 ? "1 session ended." : $"{count} sessions ended.";
        }
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostEndAsync(string? id, CancellationToken ct)
    {
        var result = (await EndSession.Handle(id ?? "", User, sessions, HttpContext)).Result;
        if (result is NoContent)
        {
            if (id == User.GetAuthorizationId())
            {
                await HttpContext.SignOutAsync(WebSessionCookie.Scheme);
                return LocalRedirect(Link(WebPaths.SignIn, ("notice", Notices.SignedOut)));
            }
            return LocalRedirect(Link(WebPaths.AccountSessions, ("ended", "1")));
        }
        Cursor = null;
        return await LoadAsync(ct) ?? await RefusedAsync(result);
    }

    public async Task<IActionResult> OnPostEndOthersAsync()
    {
        var ended = (await EndOtherSessions.Handle(User, sessions, HttpContext)).Value!.Ended;
        return LocalRedirect(Link(WebPaths.AccountSessions, ("ended", ended.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        await LoadZoneAsync(db, ct);
        Live = (await ListSessions.Handle(User, sessions, names, ct)).Value!.Items;
        var log = (await ListSecurityLog.Handle(User, db, ct, LogPageSize, string.IsNullOrEmpty(Cursor) ? null : Cursor)).Result;
        if (log is not Ok<ListSecurityLog.Response> ok)
        {
            return await RefusedAsync(log);
        }
        Log = ok.Value!.Items;
        NextCursor = ok.Value.NextCursor;
        return null;
    }
}
