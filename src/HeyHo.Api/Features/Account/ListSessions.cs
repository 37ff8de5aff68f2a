using System.Security.Claims;
using HeyHo.Api.Auth;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace HeyHo.Api.Features.Account;

public static class ListSessions
{
    /// <summary>
    /// <c>lastUsedAt</c>: when the session's newest token was issued – its login or its last refresh. Not every request:
    /// that would be a write on every API call; an access token lives 15 minutes, so the time is at most that stale.
    /// </summary>
    public sealed record Session(string Id, string Client, DateTime? CreatedAt, DateTime? LastUsedAt, string Device, bool Current);

    public sealed record Response(IReadOnlyList<Session> Items);

    /// <summary>The caller's live sessions, most recently used first; <c>current</c> marks the one of this access token.</summary>
    public static async Task<Ok<Response>> Handle(ClaimsPrincipal caller, Sessions sessions, ClientNames names, CancellationToken ct)
    {
        var current = caller.GetAuthorizationId();
        var live = await sessions.LiveAsync(caller.UserId(), ct);
        return TypedResults.Ok(new Response(live.Select(s => new Session(
            s.Id, names.Of(s.ClientId), s.CreatedAt, s.LastUsedAt, DeviceLabels.Of(s.UserAgent), s.Id == current)).ToList()));
    }
}
