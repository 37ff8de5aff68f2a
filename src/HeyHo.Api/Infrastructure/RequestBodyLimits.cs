using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The one place a request body's size is checked. Every endpoint gets an explicit limit: its own
/// <see cref="IRequestSizeLimitMetadata"/> (sync: 5 MiB) or a small default. A declared Content-Length over it is
/// refused up front with a 413 problem, before anything (OpenIddict's form parsing included) reads the body; a
/// longer body without one is cut off by the server while it is read (a 413 through the exception handler).
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app)
    {
        var problems = app.ApplicationServices.GetRequiredService<IProblemDetailsService>();
        return app.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultMaxBytes;
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = $"The request body must be at most {limit} bytes." },
                });
                return;
            }

            await next(http);
        });
    }
}
