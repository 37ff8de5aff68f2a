using System.Text.Json;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>A live session: a valid authorization of the user. <paramref name="LastUsedAt"/>: its newest token's creation.</summary>
public sealed record LiveSession(string Id, string ClientId, DateTime? CreatedAt, DateTime? LastUsedAt, string? UserAgent);

/// <summary>Who ended a session; the words the security log shows.</summary>
public static class SessionEndedBy
{
    public const string Logout = "Signed out (logout)";
    public const string SessionList = "Ended from the sessions list";
    public const string EndOthers = "Ended from the sessions list (all other sessions)";
    public const string PasswordChange = "Ended by a password change";
    public const string PasswordReset = "Ended by a password reset";
}

/// <summary>
/// The sessions of a user (see <see cref="SessionSignIn"/>) and the one way to end them: the authorization is revoked
/// (so <see cref="RejectEndedSessions"/> refuses its access tokens on the next request) and its tokens are revoked
/// (so its refresh token is refused). Each ending is written to the security log.
/// </summary>
public sealed class Sessions(
    HeyHoDbContext db, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens, SecurityLog log)
{
    public async Task<IReadOnlyList<LiveSession>> LiveAsync(string userId, CancellationToken ct)
    {
        var rows = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsNoTracking()
            .Where(a => a.Subject == userId && a.Status == Statuses.Valid)
            .Select(a => new
            {
                a.Id,
                a.Application!.ClientId,
                a.CreationDate,
                LastUsedAt = a.Tokens.Max(t => t.CreationDate),
                a.Properties,
            })
            .ToListAsync(ct);
        return rows
            .Select(r => new LiveSession(r.Id!, r.ClientId ?? string.Empty, Utc(r.CreationDate), Utc(r.LastUsedAt ?? r.CreationDate), Device(r.Properties)))
            .OrderByDescending(s => s.LastUsedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Ends the user's live session <paramref name="sessionId"/>; false when the user has no such live session.</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, string endedBy, HttpContext http)
    {
        var session = (await LiveAsync(userId, http.RequestAborted)).FirstOrDefault(s => s.Id == sessionId);
        if (session is null || await authorizations.FindByIdAsync(sessionId, http.RequestAborted) is not { } authorization)
        {
            return false;
        }

        await authorizations.TryRevokeAsync(authorization, http.RequestAborted);
        await tokens.RevokeByAuthorizationIdAsync(sessionId, http.RequestAborted);
        log.AddWithDevice(userId, SecurityEventKind.SessionEnded, session.ClientId, session.UserAgent ?? string.Empty, endedBy);
        await db.SaveChangesAsync(http.RequestAborted);
        return true;
    }

    /// <summary>Ends every live session of the user but <paramref name="except"/>; returns how many it ended.</summary>
    public async Task<int> EndOthersAsync(string userId, string except, HttpContext http)
    {
        var ended = 0;
        foreach (var session in (await LiveAsync(userId, http.RequestAborted)).Where(s => s.Id != except))
        {
            ended += await EndAsync(userId, session.Id, SessionEndedBy.EndOthers, http) ? 1 : 0;
        }
        return ended;
    }

    /// <summary>
    /// Ends every session and revokes every token of the user (password change or reset). Tracks one log event; the
    /// caller's SaveChanges (or transaction) stores it.
    /// </summary>
    public async Task EndAllAsync(string userId, string endedBy, HttpContext http)
    {
        var live = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .CountAsync(a => a.Subject == userId && a.Status == Statuses.Valid, http.RequestAborted);
        await authorizations.RevokeBySubjectAsync(userId, http.RequestAborted);
        await tokens.RevokeBySubjectAsync(userId, http.RequestAborted);
        log.Add(userId, SecurityEventKind.SessionEnded, http, detail: $"{endedBy} ({live} {(live == 1 ? "session" : "sessions")})");
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

    private static string? Device(string? properties)
    {
        if (string.IsNullOrEmpty(properties))
        {
            return null;
        }
        using var json = JsonDocument.Parse(properties);
        return json.RootElement.TryGetProperty("device", out var device) && device.ValueKind == JsonValueKind.String ? device.GetString() : null;
    }
}
