using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Infrastructure;

/// <summary>A problem-details answer that tells the client when to try again: the Retry-After header is set when it executes.</summary>
public sealed class RetryAfterProblem(ProblemHttpResult problem, int retryAfterSeconds) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => problem.StatusCode;

    public int RetryAfterSeconds => retryAfterSeconds;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}
