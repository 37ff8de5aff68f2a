using Microsoft.AspNetCore.Diagnostics;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Unreadable requests (malformed JSON, wrong content type, body too large) become a 4xx problem with a fixed, safe
/// message; the framework's exception text names internal types and never reaches the client.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                    StatusCodes.Status415UnsupportedMediaType => "The request body must be application/json.",
                    _ => "The request body could not be read as the JSON this endpoint expects.",
                },
            },
        });
    }
}
