namespace HeyHo.Api.Infrastructure;

/// <summary>IANA time zone ids ("Europe/Berlin", "Asia/Tokyo", "UTC"); Windows ids and offsets are not accepted.</summary>
public static class IanaTimeZones
{
    public const int MaxIdLength = 100;

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId)
        {
            return false;
        }
        zone = found;
        return true;
    }

    public static bool IsKnown(string? id) => TryFind(id, out _);

    /// <summary>The zone a user's days are counted in: theirs if stored and still known, else UTC.</summary>
    public static TimeZoneInfo OrUtc(string? id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The IANA zones this machine knows, by id (for the pickers).</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal)];

    /// <summary>
    /// When a local day starts, as epoch milliseconds: local midnight, or the first local time after it when midnight
    /// falls in a DST gap; of two local midnights (a repeated hour), the first.
    /// </summary>
    public static long StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15); // every zone's offsets and transitions are on quarter hours
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUnixTimeMilliseconds();
    }
}
