using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Infrastructure;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's user id, from the validated access token's <c>sub</c>.</summary>
    public static string UserId(this ClaimsPrincipal principal) =>
        principal.FindFirst(Claims.Subject)?.Value
            ?? throw new InvalidOperationException("An authenticated principal has no subject claim.");
}
