using System.Globalization;

namespace HeyHo.Api.Infrastructure;

/// <summary>"Not now": problem details with a Retry-After header (whole seconds, at least 1), both written when executed.</summary>
public sealed class RetryAfterProblem(int statusCode, string title, TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: statusCode, title: title).ExecuteAsync(httpContext);
    }
}
