using HeyHo.Api.Features.Sync;

namespace HeyHo.Api.Features.Privacy;

public static class UpdatePrivacy
{
    public const int MaxExcludedDomains = 500;

    /// <summary>The whole settings: what is not sent is set to its default, except the two fields that must be sent.</summary>
    public sealed record Request(IReadOnlyList<string?>? ExcludedDomains, bool? StripQueryStrings, int? RetentionDays = null, string? TimeZone = null);

    /// <summary>The stored settings, and what adding exclusions deleted.</summary>
    public sealed record Response(IReadOnlyList<string> ExcludedDomains, bool StripQueryStrings, int? RetentionDays, string? TimeZone, Purged Purged);

    /// <summary>Records deleted because their domain was newly excluded (a tab aggregate goes when it names the domain anywhere).</summary>
    public sealed record Purged(long PageVisits, long TabAggregates);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.ExcludedDomains).NotNull()
                .Must(d => d is null || d.Count <= MaxExcludedDomains).WithMessage($"'excludedDomains' may hold at most {MaxExcludedDomains} domains.");
            RuleForEach(r => r.ExcludedDomains).Must(d => HostNames.TryNormalize(d, out _))
                .WithMessage("Each excluded domain must be a host name such as example.com or bücher.de (no scheme, path, port or wildcard); it covers its subdomains.");
            RuleFor(r => r.StripQueryStrings).NotNull();
            RuleFor(r => r.RetentionDays).InclusiveBetween(1, 3650);
            RuleFor(r => r.TimeZone).Must(tz => tz is null || IanaTimeZones.IsKnown(tz))
                .WithMessage("'timeZone' must be an IANA time zone such as Europe/Berlin, or null for UTC.");
        }
    }

    /// <summary>
    /// PUT /api/v1/account/privacy: replaces the settings and, in the same transaction, deletes what is stored of the
    /// newly excluded domains. A sync never runs beside it: on SQLite both queue at the write gate, on PostgreSQL a sync
    /// share-locks the user's row, which this updates first (<see cref="PrivacyRules"/>).
    /// </summary>
    public static async Task<Results<Ok<Response>, ValidationProblem, UnauthorizedHttpResult, RetryAfterProblem>> Handle(
        Request request, IValidator<Request> validator, ClaimsPrincipal caller, HeyHoDbContext db, WriteGate gate, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var wanted = request.ExcludedDomains!.Select(d => HostNames.TryNormalize(d, out var domain) ? domain : null).OfType<string>()
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var timeZone = IanaTimeZones.TryFind(request.TimeZone, out var zone) ? zone.Id : null;
        var userId = caller.UserId();

        using var entered = await gate.EnterAsync(ct);
        if (entered is null)
        {
            return StorageUnavailable.Problem("Storage is busy; the settings were not changed. Retry later.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, timeZone), ct) == 0)
        {
            return TypedResults.Unauthorized();
        }

        var stored = await db.Set<ExcludedDomain>().Where(e => e.UserId == userId).Select(e => e.Domain).ToListAsync(ct);
        var added = wanted.Except(stored, StringComparer.Ordinal).ToList();
        await db.Set<ExcludedDomain>().Where(e => e.UserId == userId && !wanted.Contains(e.Domain)).ExecuteDeleteAsync(ct);
        db.AddRange(added.Select(domain => new ExcludedDomain { UserId = userId, Domain = domain }));
        var settings = await db.Set<PrivacySettings>().SingleOrDefaultAsync(s => s.UserId == userId, ct);
        if (settings is null)
        {
            settings = new PrivacySettings { UserId = userId };
            db.Add(settings);
        }
        settings.StripQueryStrings = request.StripQueryStrings!.Value;
        settings.RetentionDays = request.RetentionDays;
        await db.SaveChangesAsync(ct);

        var purged = new Purged(0, 0);
        if (added.Count > 0)
        {
            var records = new RecordDeletion(db, userId, RecordDeletion.DefaultBatchSize);
            var newlyExcluded = new RecordFilter(new DomainSet(added));
            purged = new Purged(
                await RecordDeletion.RunAllAsync(records.PageVisitsAsync(newlyExcluded, ct)),
                await RecordDeletion.RunAllAsync(records.TabAggregatesAsync(newlyExcluded, ct)));
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new Response(wanted, settings.StripQueryStrings, settings.RetentionDays, timeZone, purged));
    }
}
