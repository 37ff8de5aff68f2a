using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace HeyHo.Api.Web;

/// <summary>A page's 429: a short HTML page (the API answers problem details), with Retry-After.</summary>
public static class TooManyRequests
{
    public static string Message(TimeSpan retryAfter) =>
        $"Too many attempts. Please wait {Seconds(retryAfter)} seconds and try again.";

    public static async Task WriteAsync(HttpContext http, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Too many attempts – HeyHo</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main id="main"><h1>Too many attempts</h1><p role="alert">{WebUtility.HtmlEncode(Message(retryAfter))}</p>
            <p><a href="{WebPaths.Home}">Back to HeyHo</a></p></main></body></html>
            """, http.RequestAborted);
    }

    public static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
}
