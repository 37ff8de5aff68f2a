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
}
