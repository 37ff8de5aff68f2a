using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The one shape of "storage cannot take this now": 503, a Retry-After header and problem details that repeat the
/// delay – whether a write waited too long for its turn or the database could not be reached.
/// </summary>
public static class StorageUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static void SetRetryAfter(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ProblemHttpResult Problem(HttpResponse response, string title)
    {
        SetRetryAfter(response);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: title,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = RetryAfterSeconds });
    }
}
