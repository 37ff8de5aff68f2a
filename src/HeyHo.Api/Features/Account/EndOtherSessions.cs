using System.Security.Claims;
using HeyHo.Api.Auth;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace HeyHo.Api.Features.Account;

public static class EndOtherSessions
{
    public sealed record Response(int Ended);

    /// <summary>Ends every session of the caller but the one of this access token ("sign out everywhere else").</summary>
    public static async Task<Ok<Response>> Handle(ClaimsPrincipal caller, Sessions sessions, HttpContext http) =>
        TypedResults.Ok(new Response(await sessions.EndOthersAsync(caller.UserId(), caller.GetAuthorizationId() ?? string.Empty, http)));
}
