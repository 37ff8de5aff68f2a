using System.Security.Claims;
using HeyHo.Api.Auth;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Features.Account;

public static class EndSession
{
    /// <summary>
    /// Ends one of the caller's sessions (the caller's own included). Another user's session, an ended one and an
    /// unknown id get the same 404: the answer never tells that a session exists.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Handle(string id, ClaimsPrincipal caller, Sessions sessions, HttpContext http) =>
        await sessions.EndAsync(caller.UserId(), id, SessionEndedBy.SessionList, http)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such session.");
}
