namespace HeyHo.Api.Features.Privacy;

public static class GetPrivacy
{
    /// <summary>GET /api/v1/account/privacy: the caller's settings, the defaults when they never chose.</summary>
    public static async Task<Results<Ok<PrivacyChoices>, UnauthorizedHttpResult>> Handle(ClaimsPrincipal caller, HeyHoDbContext db, CancellationToken ct)
    {
        var userId = caller.UserId();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.TimeZone, Settings = db.Set<PrivacySettings>().FirstOrDefault(s => s.UserId == u.Id) })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var domains = await db.Set<ExcludedDomain>().AsNoTracking().Where(e => e.UserId == userId)
            .Select(e => e.Domain).ToListAsync(ct);
        return TypedResults.Ok(new PrivacyChoices(
            [.. domains.Order(StringComparer.Ordinal)], user.Settings?.StripQueryStrings ?? false, user.Settings?.RetentionDays, user.TimeZone));
    }
}
