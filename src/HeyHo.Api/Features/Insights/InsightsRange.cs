namespace HeyHo.Api.Features.Insights;

/// <summary>Local calendar days <see cref="From"/> to <see cref="To"/> (inclusive) in <see cref="Zone"/>, and where they begin and end in UTC.</summary>
public sealed record InsightsRange(DateOnly From, DateOnly To, TimeZoneInfo Zone)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Epoch milliseconds of the first local day's start.</summary>
    public long Start => StartOfDay(From);

    /// <summary>Epoch milliseconds of the day after the last local day's start (exclusive).</summary>
    public long End => StartOfDay(To.AddDays(1));

    /// <summary>The range of the same length just before this one.</summary>
    public InsightsRange Previous => new(From.AddDays(-Days), From.AddDays(-1), Zone);

    public IEnumerable<DateOnly> Dates => Enumerable.Range(0, Days).Select(From.AddDays);

    public long StartOfDay(DateOnly date) => IanaTimeZones.StartOfDay(date, Zone);
}
