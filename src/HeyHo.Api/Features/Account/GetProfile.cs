using System.Security.Claims;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Features.Account;

public static class GetProfile
{
    public static async Task<Results<Ok<Profile>, UnauthorizedHttpResult>> Handle(
        ClaimsPrincipal caller, HeyHoDbContext db, CancellationToken ct)
    {
        var userId = caller.UserId();
        var profile = await db.Users.Where(u => u.Id == userId).ProjectToType<Profile>().SingleOrDefaultAsync(ct);
        return profile is null ? TypedResults.Unauthorized() : TypedResults.Ok(profile);
    }
}
