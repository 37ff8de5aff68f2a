using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Errors the published browser extension can show. It parses a body only when the Content-Type contains
/// "application/json" (application/problem+json does not) and shows body.message, then body.error, else "HTTP status".
/// On endpoints marked with <see cref="WithExtensionErrors{TBuilder}"/>, every problem-details answer – validation,
/// handler results, unreadable bodies, rate limits, storage outages – keeps its RFC 9457 members, gains a "message"
/// member (the detail, else the first field error, else the title) and is served as application/json. Other endpoints
/// keep application/problem+json unchanged.
/// </summary>
public static class ExtensionErrors
{
    public const string ContentType = "application/json; charset=utf-8";

    private const string ProblemContentType = "application/problem+json";

    public static TBuilder WithExtensionErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(Marker.Instance);
        builder.Finally(DocumentAsJson);
        return builder;
    }

    /// <summary>Chains onto any other customization of problem details.</summary>
    public static IServiceCollection AddExtensionErrors(this IServiceCollection services) =>
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var previous = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                previous?.Invoke(context);
                Customize(context);
            };
        });

    private static string Message(Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        problem.Detail
        ?? (problem as HttpValidationProblemDetails)?.Errors.SelectMany(e => e.Value).FirstOrDefault()
        ?? problem.Title
        ?? $"HTTP {problem.Status}";

    private static void Customize(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        // The exception handler clears the endpoint before it writes; it keeps the original in its feature.
        var endpoint = http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint?.Metadata.GetMetadata<Marker>() is null)
        {
            return;
        }

        context.ProblemDetails.Extensions["message"] = Message(context.ProblemDetails);
        http.Response.OnStarting(() =>
        {
            if (http.Response.ContentType?.StartsWith(ProblemContentType, StringComparison.OrdinalIgnoreCase) == true)
            {
                http.Response.ContentType = ContentType;
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Routing would answer a body of another media type with a 415 of its own, from an endpoint without this marker;
    /// without the accepts metadata the route is selected and its own binding refuses the body (a 415 that gets the
    /// message). The OpenAPI document says what is served: error bodies as application/json, with the message member.
    /// </summary>
    private static void DocumentAsJson(EndpointBuilder endpoint)
    {
        foreach (var accepts in endpoint.Metadata.OfType<IAcceptsMetadata>().ToList())
        {
            endpoint.Metadata.Remove(accepts);
        }
        for (var i = 0; i < endpoint.Metadata.Count; i++)
        {
            if (endpoint.Metadata[i] is IProducesResponseTypeMetadata { StatusCode: >= 400 } produces
                && produces.ContentTypes.Any(t => t.StartsWith(ProblemContentType, StringComparison.OrdinalIgnoreCase)))
            {
                endpoint.Metadata[i] = new ProducesResponseTypeMetadata(produces.StatusCode, typeof(ExtensionProblemDetails), ["application/json"]);
            }
        }
    }

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}

/// <summary>The shape of an error on endpoints with extension errors (documentation only: the member is added when written).</summary>
public sealed class ExtensionProblemDetails : HttpValidationProblemDetails
{
    /// <summary>One sentence for the user: the detail, else the first field error, else the title.</summary>
    public required string Message { get; init; }
}
