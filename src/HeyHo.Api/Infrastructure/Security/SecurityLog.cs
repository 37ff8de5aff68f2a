using HeyHo.Api.Auth;
using HeyHo.Api.Data;

namespace HeyHo.Api.Infrastructure.Security;

/// <summary>Writes the security log. <see cref="Add"/> only tracks the row: the caller's SaveChanges stores it with its own change.</summary>
public sealed class SecurityLog(HeyHoDbContext db, TimeProvider clock, ClientNames names)
{
    public void AddWithDevice(string userId, SecurityEventKind kind, string? clientId, string? userAgent, string? detail = null) =>
        db.Add(new SecurityEvent
        {
            UserId = userId,
            At = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Kind = kind,
            Client = clientId is null ? null : names.Of(clientId),
            Device = userAgent is null ? null : DeviceLabels.Of(userAgent),
            Detail = detail,
        });

    /// <summary>The event of a request: its client (from the access token or the token request) and its User-Agent.</summary>
    public void Add(string userId, SecurityEventKind kind, HttpContext http, string? clientId = null, string? detail = null) =>
        AddWithDevice(userId, kind, clientId ?? http.User.FindFirst(OpenIddict.Abstractions.OpenIddictConstants.Claims.ClientId)?.Value,
            http.Request.Headers.UserAgent.ToString(), detail);

    public async Task WriteAsync(string userId, SecurityEventKind kind, HttpContext http, string? clientId = null, string? detail = null)
    {
        Add(userId, kind, http, clientId, detail);
        await db.SaveChangesAsync(http.RequestAborted);
    }
}
