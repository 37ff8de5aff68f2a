using System.Security.Claims;
using HeyHo.Api.Auth;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Features.Account;

public static class EndSession
{
    /// <summary>Ends one of the caller's sessions (the caller's own included); a session that is not the caller's live one is a 404.</summary>
    public static async Task<Results<NoContent, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> Handle(
        string id, ClaimsPrincipal caller, Sessions sessions, HttpContext http) =>
        await sessions.EndAsync(caller.UserId(), id, SessionEndedBy.SessionList, http)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "There is no such session.",
            });
}
