using System.Globalization;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The one shape of "storage cannot take this now": 503, a Retry-After header and problem details that repeat the
/// delay – whether a write waited too long for its turn or the database could not be reached.
/// </summary>
public static class StorageUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static RetryAfterProblem Problem(string title) => new(
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: title,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = RetryAfterSeconds }),
        RetryAfterSeconds);

    /// <summary>For a response written directly (the exception handler), not through a result.</summary>
    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
}
