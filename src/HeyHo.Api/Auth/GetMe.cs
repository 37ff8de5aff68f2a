using System.Security.Claims;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Account;
using HeyHo.Api.Infrastructure;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Auth;

/// <summary>GET /api/v1/auth/me: the signed-in user, in the <c>{"user": …}</c> shape the extension reads after login.</summary>
public static class GetMe
{
    public sealed record Response(Profile User);

    public static async Task<Results<Ok<Response>, UnauthorizedHttpResult>> Handle(
        ClaimsPrincipal caller, HeyHoDbContext db, TypeAdapterConfig mappings, CancellationToken ct)
    {
        var userId = caller.UserId();
        var profile = await db.Users.Where(u => u.Id == userId).ProjectToType<Profile>(mappings).SingleOrDefaultAsync(ct);
        return profile is null ? TypedResults.Unauthorized() : TypedResults.Ok(new Response(profile));
    }
}
