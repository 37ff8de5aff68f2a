using System.Globalization;

namespace HeyHo.Api.Web;

/// <summary>Times shown in the user's zone, and the date pickers' local days turned into instants.</summary>
public static class LocalTimes
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Show(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The start of a local day (plus <paramref name="days"/>) as epoch milliseconds; a midnight skipped by a DST change
    /// starts at the first local time that exists.
    /// </summary>
    public static bool TryStartOfDay(string? date, TimeZoneInfo zone, int days, out long ms)
    {
        ms = 0;
        if (!DateOnly.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 2 || day.Year > 9998)
        {
            return false;
        }
        var local = day.AddDays(days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        ms = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone)).ToUnixTimeMilliseconds();
        return true;
    }
}
