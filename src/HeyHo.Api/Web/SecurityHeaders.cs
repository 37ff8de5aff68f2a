namespace HeyHo.Api.Web;

/// <summary>
/// The pages' response headers. The Content-Security-Policy allows scripts, styles and images from this site only –
/// no inline script or style at all – and no framing; forms post to this site only. The API reference (/docs) is not a
/// page of this kind and keeps its own (it needs inline script).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // Pages carry personal data and antiforgery tokens: never from a cache (a page may say more, e.g. "private, no-store").
        if (!headers.CacheControl.ToString().Contains("no-store", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-store";
        }
    }
}
