namespace HeyHo.Api.Web;

/// <summary>
/// Where a page may send the browser after signing in: a path on this site only. Anything else – another host
/// (<c>//evil</c>), a backslash that browsers read as a slash (<c>/\evil</c>), a scheme, control characters or
/// whitespace, or a start that becomes one of these once or twice percent-decoded (<c>/%2F%2Fevil</c>) – is replaced
/// by the home page.
/// </summary>
public static class ReturnUrls
{
    private const int MaxLength = 4096;

    public static string Local(string? returnUrl) => IsSafe(returnUrl) ? returnUrl! : WebPaths.Home;

    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || !StartsLocally(url)
            || url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\'))
        {
            return false;
        }
        var decoded = Uri.UnescapeDataString(url);
        return StartsLocally(decoded) && StartsLocally(Uri.UnescapeDataString(decoded));
    }

    /// <summary>A single slash, then anything but a second slash, a backslash, a control character or whitespace.</summary>
    private static bool StartsLocally(string url) =>
        url.Length > 0 && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\') && !char.IsControl(url[1]) && !char.IsWhiteSpace(url[1]));
}
