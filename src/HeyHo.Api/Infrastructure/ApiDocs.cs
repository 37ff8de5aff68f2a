using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json (every mapped endpoint, its status codes, the bearer scheme) and the
/// Scalar reference page at /docs. Auth adds the endpoints OpenIddict serves itself (Auth/OAuthEndpointDocs).
/// </summary>
public static class ApiDocs
{
    /// <summary>The security scheme of every operation that needs an access token.</summary>
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddHeyHoApiDocs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DocsOptions>(configuration, DocsOptions.Section);
        services.AddOpenApi("v1", options =>
        {
            // Use cases share the names Request and Response; their slice's name keeps the schemas apart.
            options.CreateSchemaReferenceId = type => type.Type.IsNested && type.Type.DeclaringType is { } owner
                ? owner.Name + type.Type.Name
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(HeyHo.Api.Features.Sync.RawJson))
                {
                    // Stored client JSON (metadata, idle periods, …) is written verbatim: any JSON value.
                    schema.Type = null;
                    schema.Properties?.Clear();
                    schema.Required?.Clear();
                    schema.Description = "JSON exactly as the extension sent it.";
                }
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "HeyHo API",
                    Version = "v1",
                    Description = "Backend of the HeyHo browser extension: accounts, OAuth 2.0 tokens and browsing-data sync.",
                };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid access token, or its user no longer exists (WWW-Authenticate: Bearer)." });
                }
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static void MapHeyHoApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DocsOptions>>().Value.Enabled)
        {
            app.MapScalarApiReference("/docs", options => options
                .WithTitle("HeyHo API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        }
    }
}
