using System.Globalization;

namespace HeyHo.Api.Web.Insights;

/// <summary>Milliseconds as people read them: "45 s", "12 min", "1 h 05 min".</summary>
public static class Durations
{
    public static string Format(long milliseconds)
    {
        var seconds = milliseconds / 1000;
        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds} s");
        }
        var minutes = seconds / 60;
        return minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min");
    }

    /// <summary>A change of a duration, signed: "+1 h 05 min", "−12 min", "0 s".</summary>
    public static string Change(long milliseconds) =>
        (milliseconds > 0 ? "+" : milliseconds < 0 ? "−" : "") + Format(Math.Abs(milliseconds));
}
