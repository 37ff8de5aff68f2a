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
    public async Task<IReadOnlyList<LiveSession>> LiveAsync(string userId, CancellationToken ct) =>
        (await Query(Authorizations(userId)).ToListAsync(ct))
            .OrderByDescending(s => s.LastUsedAt).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether the user has a live session of the client <paramref name="clientId"/>.</summary>
    public Task<bool> AnyLiveAsync(string userId, string clientId, CancellationToken ct) =>
        Authorizations(userId).AnyAsync(a => a.Application!.ClientId == clientId, ct);

    /// <summary>Ends the user's live session <paramref name="sessionId"/>; false when the user has no such live session.</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, string endedBy, HttpContext http)
    {
        var session = await Query(Authorizations(userId).Where(a => a.Id == sessionId)).FirstOrDefaultAsync(http.RequestAborted);
        return session is not null && await EndAsync(userId, session, endedBy, http);
    }

    /// <summary>Ends every live session of the user but <paramref name="except"/>; returns how many it ended.</summary>
    public async Task<int> EndOthersAsync(string userId, string except, HttpContext http)
    {
        var ended = 0;
        foreach (var session in await Query(Authorizations(userId).Where(a => a.Id != except)).ToListAsync(http.RequestAborted))
        {
            ended += await EndAsync(userId, session, SessionEndedBy.EndOthers, http) ? 1 : 0;
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

    /// <summary>Ends the browsers' sessions signed in before <paramref name="signedInBefore"/> (their cookies have expired); pruning deletes them later.</summary>
    public Task<int> EndExpiredWebSessionsAsync(DateTimeOffset signedInBefore, CancellationToken ct)
    {
        var before = signedInBefore.UtcDateTime;
        return db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Status == Statuses.Valid && a.Type == AuthorizationTypes.Permanent
                && a.Application!.ClientId == ClientNames.WebClientId && a.CreationDate < before)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Statuses.Revoked), ct);
    }

    /// <summary>Whether <paramref name="sessionId"/> is a live session of <paramref name="userId"/>: one indexed lookup, run on every request.</summary>
    public static async Task<bool> IsLiveAsync(HeyHoDbContext db, string? sessionId, string? userId, CancellationToken ct) =>
        sessionId is not null && userId is not null && await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AnyAsync(
            a => a.Id == sessionId && a.Subject == userId && a.Status == Statuses.Valid, ct);

    private async Task<bool> EndAsync(string userId, LiveSession session, string endedBy, HttpContext http)
    {
        if (await authorizations.FindByIdAsync(session.Id, http.RequestAborted) is not { } authorization)
        {
            return false;
        }

        await authorizations.TryRevokeAsync(authorization, http.RequestAborted);
        await tokens.RevokeByAuthorizationIdAsync(session.Id, http.RequestAborted);
        log.AddWithDevice(userId, SecurityEventKind.SessionEnded, session.ClientId, session.UserAgent ?? string.Empty, endedBy);
        await db.SaveChangesAsync(http.RequestAborted);
        return true;
    }

    private IQueryable<OpenIddictEntityFrameworkCoreAuthorization> Authorizations(string userId) =>
        db.Set<OpenIddictEntityFrameworkCoreAuthorization>().AsNoTracking().Where(a => a.Subject == userId && a.Status == Statuses.Valid);

    /// <summary>Live sessions in one query; the times and the device label are finished on the client side of the projection.</summary>
    private static IQueryable<LiveSession> Query(IQueryable<OpenIddictEntityFrameworkCoreAuthorization> sessions) =>
        sessions.Select(a => new LiveSession(
                a.Id!, a.Application!.ClientId ?? string.Empty, Utc(a.CreationDate),
                Utc(a.Tokens.Max(t => t.CreationDate) ?? a.CreationDate), Device(a.Properties)));

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
