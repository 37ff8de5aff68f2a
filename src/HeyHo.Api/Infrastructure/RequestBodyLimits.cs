using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Every endpoint gets an explicit body limit: its own <see cref="IRequestSizeLimitMetadata"/> (sync: 5 MiB) or a
/// small default. Kestrel enforces it while reading; a declared Content-Length over it is refused up front with a
/// 413 problem, before anything (OpenIddict's form parsing included) reads the body.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultMaxBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultMaxBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = $"The request body must be at most {limit} bytes." },
            });
            return;
        }

        await next(http);
    });
}
