using System.Globalization;
using System.Text;

namespace HeyHo.Api.Features.Sync;

/// <summary>Opaque keyset position: the sort key of the last item of a page (time, then identity parts), base64url.</summary>
public static class PageCursor
{
    public const string Invalid = "'cursor' is not a cursor this API issued.";

    public static string Encode(long time, params string[] keys) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', [time.ToString(CultureInfo.InvariantCulture), .. keys])))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The parts, the first of them a time; false for anything this API did not issue.</summary>
    public static bool TryDecode(string cursor, out string[] parts)
    {
        parts = [];
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n');
            return parts.Length >= 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                && parts.All(StorableText.IsStorable); // no key this API stores holds a NUL
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
