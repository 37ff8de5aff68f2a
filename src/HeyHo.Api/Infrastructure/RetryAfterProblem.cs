using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Infrastructure;

/// <summary>A problem-details answer that tells the client when to try again: the Retry-After header is set when it executes.</summary>
public sealed class RetryAfterProblem(ProblemHttpResult problem, int retryAfterSeconds) : IResult, IStatusCodeHttpResult
{
    /// <summary>Problem details of just a status and a title; the wait is rounded up to whole seconds, at least 1.</summary>
    public RetryAfterProblem(int statusCode, string title, TimeSpan retryAfter)
        : this(TypedResults.Problem(statusCode: statusCode, title: title), Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)))
    {
    }

    public int? StatusCode => problem.StatusCode;

    public int RetryAfterSeconds => retryAfterSeconds;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}
