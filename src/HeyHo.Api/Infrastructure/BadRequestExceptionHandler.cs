using Microsoft.AspNetCore.Diagnostics;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Unreadable requests (malformed JSON or form, wrong content type, body too large) become a 4xx with a fixed, safe
/// message; the framework's exception text names internal types and never reaches the client.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is InvalidDataException && http.Request.HasFormContentType)
        {
            // Only the OAuth endpoints take forms, and their clients expect the OAuth error format (RFC 6749 §5.2).
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = "invalid_request",
                ["error_description"] = "The request body is not a valid form (for example, it encodes a NUL character).",
            }, cancellationToken);
            return true;
        }

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
