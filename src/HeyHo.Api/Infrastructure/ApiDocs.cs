using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The OpenAPI document at /openapi/v1.json (every endpoint, its status codes, the bearer scheme, and the OAuth
/// token and revocation endpoints that OpenIddict serves), and the Scalar reference page at /docs.
/// </summary>
public static class ApiDocs
{
    public const string TokenPath = "/api/v1/auth/login";
    public const string RevocationPath = "/api/v1/auth/revoke";

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
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = $"An access token from POST {TokenPath} (RS256 JWT, 15 minutes).",
                };
                AddOAuthEndpoints(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] }];
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

    private static void AddOAuthEndpoints(OpenApiDocument document)
    {
        var oauthError = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 6749 §5.2 error.",
            Required = new HashSet<string> { "error" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = Text("invalid_request, invalid_client, invalid_grant, unsupported_grant_type, invalid_scope …"),
                ["error_description"] = Text("Human-readable detail."),
                ["error_uri"] = Text("Link to the error's documentation."),
            },
        };
        OpenApiResponse Error(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = oauthError } },
        };
        OpenApiRequestBody Form(OpenApiSchema schema) => new()
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = schema } },
        };

        document.Paths ??= new OpenApiPaths();
        document.Paths[TokenPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = "Token",
                    Summary = "Log in (password grant) or refresh (refresh_token grant): the OAuth 2.0 token endpoint.",
                    Tags = new HashSet<OpenApiTagReference> { new("Auth", document) },
                    RequestBody = Form(new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "grant_type", "client_id" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["grant_type"] = Text("password or refresh_token", "password", "refresh_token"),
                            ["client_id"] = Text("heyho-extension", "heyho-extension"),
                            ["username"] = Text("The account's email (password grant)."),
                            ["password"] = Text("The account's password (password grant)."),
                            ["scope"] = Text("offline_access, to receive a refresh token (password grant)."),
                            ["refresh_token"] = Text("The current refresh token (refresh_token grant); it rotates on every use."),
                        },
                    }),
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "RFC 6749 §5.1 token response.",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/json"] = new()
                                {
                                    Schema = new OpenApiSchema
                                    {
                                        Type = JsonSchemaType.Object,
                                        Required = new HashSet<string> { "access_token", "token_type", "expires_in" },
                                        Properties = new Dictionary<string, IOpenApiSchema>
                                        {
                                            ["access_token"] = Text("RS256-signed JWT carrying sub, email and name."),
                                            ["token_type"] = Text("Bearer"),
                                            ["expires_in"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Seconds until the access token expires." },
                                            ["refresh_token"] = Text("Present when offline_access was granted."),
                                            ["scope"] = Text("Granted scopes."),
                                        },
                                    },
                                },
                            },
                        },
                        ["400"] = Error("invalid_request, invalid_grant (wrong credentials, locked account, refused refresh token), unsupported_grant_type, invalid_scope."),
                        ["401"] = Error("invalid_client: unknown or missing client_id."),
                        ["413"] = new OpenApiResponse { Description = "Body too large (problem details)." },
                        ["429"] = new OpenApiResponse { Description = "Too many password grants for this username or address, or too many password checks at once (problem details, Retry-After)." },
                    },
                },
            },
        };
        document.Paths[RevocationPath] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = "Revoke",
                    Summary = "Revoke a refresh token (log out): RFC 7009.",
                    Tags = new HashSet<OpenApiTagReference> { new("Auth", document) },
                    RequestBody = Form(new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "token", "client_id" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["token"] = Text("The refresh token to revoke."),
                            ["token_type_hint"] = Text("refresh_token", "refresh_token", "access_token"),
                            ["client_id"] = Text("heyho-extension", "heyho-extension"),
                        },
                    }),
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "Revoked (also answered for unknown tokens, as RFC 7009 requires)." },
                        ["400"] = Error("invalid_request, unsupported_token_type."),
                        ["401"] = Error("invalid_client: unknown or missing client_id."),
                    },
                },
            },
        };
    }

    private static OpenApiSchema Text(string description, params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = values.Length == 0 ? null : values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };
}
