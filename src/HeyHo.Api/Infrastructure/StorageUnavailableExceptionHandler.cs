using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The database could not be reached or refused to work (server down, connections refused, a lock held too long):
/// that is the service being unavailable, not a bug, so the answer is 503 with Retry-After and problem details,
/// and the log names only the error class – never the SQL or a stack trace. (The sync endpoint answers its own 503
/// inside its transaction; this covers every other path, including authentication's user lookup.)
/// </summary>
internal sealed partial class StorageUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (FindDbException(exception) is not { } db || http.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, db.GetType().Name, db.SqlState ?? "-");
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        StorageUnavailable.SetRetryAfter(http.Response);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable for the moment. Retry later.",
                Extensions = { ["retryAfterSeconds"] = StorageUnavailable.RetryAfterSeconds },
            },
        });
    }

    private static DbException? FindDbException(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException db)
            {
                return db;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable: {ErrorType} (SQLSTATE {SqlState}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string errorType, string sqlState);
}
