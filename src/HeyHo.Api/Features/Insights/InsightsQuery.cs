using System.Globalization;

namespace HeyHo.Api.Features.Insights;

/// <summary>
/// The range every insights call takes: <c>from</c> and <c>to</c> are local calendar dates (inclusive) in the zone
/// <c>tz</c>. Without both ends the range is 7 days: ending today, ending at <c>to</c>, or starting at <c>from</c>.
/// Without <c>tz</c>, the zone stored in the caller's profile, else UTC.
/// </summary>
public abstract record InsightsQuery(string? From, string? To, string? Tz)
{
    public const int DefaultDays = 7;
    public const int MaxDays = 366;
    public const string DateFormat = "yyyy-MM-dd";

    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    /// <summary>The range rules, for each use case's own validator to extend.</summary>
    public abstract class Validator<T> : JsonFieldValidator<T>
        where T : InsightsQuery
    {
        protected Validator()
        {
            RuleFor(q => q.From).Must(d => d is null || TryParse(d, out _))
                .WithMessage($"'from' must be a date ({DateFormat}) from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}.");
            RuleFor(q => q.To).Must(d => d is null || TryParse(d, out _))
                .WithMessage($"'to' must be a date ({DateFormat}) from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}.");
            RuleFor(q => q.Tz).Must(z => z is null || IanaTimeZones.IsKnown(z))
                .WithMessage("'tz' must be an IANA time zone id such as 'Europe/Berlin' or 'UTC'.");
            When(q => TryParse(q.From, out _) && TryParse(q.To, out _), () =>
            {
                RuleFor(q => q.From).Must((q, from) => Parse(from) <= Parse(q.To))
                    .WithMessage("'from' must not be after 'to'.");
                RuleFor(q => q.To).Must((q, to) => Parse(to).DayNumber - Parse(q.From).DayNumber < MaxDays)
                    .WithMessage($"The range from 'from' to 'to' may span at most {MaxDays} days.");
            });
        }
    }

    /// <summary>The validated query as a range: defaults applied, the zone found (the caller's own when none is given).</summary>
    public async Task<InsightsRange> ResolveAsync(string userId, HeyHoDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var zone = Tz is not null && IanaTimeZones.TryFind(Tz, out var given)
            ? given
            : IanaTimeZones.OrUtc(await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync(ct));
        var (from, to) = (TryParse(From, out var f) ? f : (DateOnly?)null, TryParse(To, out var t) ? t : (DateOnly?)null) switch
        {
            ({ } a, { } b) => (a, b),
            ({ } a, null) => (a, a.AddDays(DefaultDays - 1)),
            (null, { } b) => (b.AddDays(1 - DefaultDays), b),
            _ => Last(DefaultDays, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime)),
        };
        return new InsightsRange(from, to, zone);
    }

    private static (DateOnly, DateOnly) Last(int days, DateOnly today) => (today.AddDays(1 - days), today);

    private static DateOnly Parse(string? date) => TryParse(date, out var d) ? d : default;

    private static bool TryParse(string? date, out DateOnly value) =>
        DateOnly.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
        && value >= Earliest && value <= Latest;
}
