using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// POST /api/v1/auth/logout (bearer, body <c>{}</c>): ends the session the access token belongs to – its refresh token
/// and its access tokens stop working at once. Always 204: the extension clears its tokens whatever the answer, and a
/// 401 would send it into refresh → logout → refresh. An expired token still names its session (its signature is
/// checked, not its lifetime), so logging out after a long sleep still ends the session.
/// </summary>
public static class Logout
{
    public static async Task<NoContent> Handle(HttpContext http, IOptionsMonitor<OpenIddictServerOptions> server, Sessions sessions)
    {
        if (await SessionOf(http, server.CurrentValue) is { } session)
        {
            await sessions.EndAsync(session.UserId, session.Id, SessionEndedBy.Logout, http);
        }
        return TypedResults.NoContent();
    }

    private static async Task<(string Id, string UserId)?> SessionOf(HttpContext http, OpenIddictServerOptions server)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(header["Bearer ".Length..].Trim(), new TokenValidationParameters
        {
            IssuerSigningKeys = server.SigningCredentials.Select(c => c.Key),
            ValidTypes = [JsonWebTokenTypes.AccessToken],
            ValidateIssuer = false, // the signature proves HeyHo issued it
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        return result.IsValid
            && result.ClaimsIdentity.FindFirst(Claims.Private.AuthorizationId)?.Value is { } id
            && result.ClaimsIdentity.FindFirst(Claims.Subject)?.Value is { } userId
            ? (id, userId)
            : null;
    }
}
