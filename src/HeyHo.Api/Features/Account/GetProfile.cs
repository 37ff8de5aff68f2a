namespace HeyHo.Api.Features.Account;

public static class GetProfile
{
    public sealed record Response(
        string Id, string Email, bool EmailVerified, string? DisplayName, string? FirstName, string? LastName, string? TimeZone,
        DateTime CreatedAt, Records Records, DateTime? LastSyncAt);

    public sealed record Records(long PageVisits, long TabAggregates);

    public static async Task<Results<Ok<Response>, UnauthorizedHttpResult>> Handle(
        ClaimsPrincipal caller, HeyHoDbContext db, IUserDataSummary data, TypeAdapterConfig mappings, CancellationToken ct)
    {
        var userId = caller.UserId();
        var profile = await db.Users.Where(u => u.Id == userId).ProjectToType<Profile>(mappings).SingleOrDefaultAsync(ct);
        if (profile is null)
        {
            return TypedResults.Unauthorized();
        }

        var summary = await data.GetAsync(userId, ct);
        return TypedResults.Ok(new Response(profile.Id, profile.Email, profile.EmailVerified, profile.DisplayName, profile.FirstName,
            profile.LastName, profile.TimeZone, profile.CreatedAt,
            new Records(summary.PageVisits, summary.TabAggregates), summary.LastSyncAt));
    }
}
