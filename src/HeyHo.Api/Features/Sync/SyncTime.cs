using System.Globalization;

namespace HeyHo.Api.Features.Sync;

/// <summary>Times as the extension and the read-back queries send them: epoch milliseconds, or an ISO-8601 time.</summary>
public static class SyncTime
{
    public const string Format = "epoch milliseconds or an ISO-8601 time";

    public static bool TryParse(string? text, out long ms)
    {
        ms = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ms))
        {
            return true;
        }
        // ISO-8601 starts with a four-digit year: anything DateTimeOffset would also guess at ("May 5") is refused.
        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            ms = time.ToUnixTimeMilliseconds();
            return true;
        }
        return false;
    }

    public static DateTime ToDateTime(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);
}
