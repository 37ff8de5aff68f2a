using System.Globalization;
using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Web;

/// <summary>Times shown in the user's zone, and the date pickers' local days turned into instants.</summary>
public static class LocalTimes
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Show(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The start of a date picker's local day (plus <paramref name="days"/>) as epoch milliseconds (<see cref="IanaTimeZones.StartOfDay"/>).</summary>
    public static bool TryStartOfDay(string? date, TimeZoneInfo zone, int days, out long ms)
    {
        ms = 0;
        if (!DateOnly.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year < 2 || day.Year > 9998)
        {
            return false;
        }
        ms = IanaTimeZones.StartOfDay(day.AddDays(days), zone);
        return true;
    }
}
