using System.Text.Json.Nodes;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Web;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace HeyHo.Api.Auth;

/// <summary>
/// OpenIddict serves the token and revocation endpoints itself, and the authorization endpoint's handler is left out of
/// the API description (a browser's, not an API client's), so no mapped endpoint describes them: this adds them to the
/// OpenAPI document, and says in the bearer scheme where an access token comes from and how long it lasts.
/// </summary>
internal sealed class OAuthEndpointDocs(IOptions<AuthOptions> options) : IOpenApiDocumentTransformer
{
    private static OpenApiSchema OAuthError() => new()
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

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var tokenPath = AuthPaths.Token;
        if (document.Components?.SecuritySchemes is { } schemes && schemes.TryGetValue(ApiDocs.BearerScheme, out var scheme) && scheme is OpenApiSecurityScheme bearer)
        {
            bearer.Description = $"An access token from POST {tokenPath} (RS256 JWT, {Duration(options.Value.AccessTokenLifetime)}).";
        }

        document.Paths ??= new OpenApiPaths();
        document.Paths[tokenPath] = Post(document, new OpenApiOperation
        {
            OperationId = "Token",
            Summary = "Log in (password grant), redeem an authorization code (authorization_code grant, PKCE) or refresh (refresh_token grant): the OAuth 2.0 token endpoint.",
            RequestBody = WithJson(Form(["grant_type", "client_id"], new Dictionary<string, IOpenApiSchema>
            {
                ["grant_type"] = Text("password, authorization_code or refresh_token", "password", "authorization_code", "refresh_token"),
                ["client_id"] = Text($"{HeyHoClientSeeder.ClientId}, or a configured public client (Auth:PublicClients) for the authorization_code grant and its refreshes."),
                ["username"] = Text("The account's email (password grant)."),
                ["password"] = Text("The account's password (password grant)."),
                ["scope"] = Text("offline_access, to receive a refresh token (password grant)."),
                ["refresh_token"] = Text("The current refresh token (refresh_token grant); it rotates on every use."),
                ["code"] = Text($"The code from {AuthPaths.Authorization} (authorization_code grant; a configured public client)."),
                ["redirect_uri"] = Text("The redirect URI the code was requested with (authorization_code grant)."),
                ["code_verifier"] = Text("The PKCE verifier whose S256 challenge the code was requested with (authorization_code grant)."),
            }), ["email", "password"], new Dictionary<string, IOpenApiSchema>
            {
                ["email"] = Text("The account's email. A JSON body is the extension's login: a password grant of client " + ExtensionClient.ClientId + ", answered {message, data: {AccessToken, RefreshToken, ExpiresIn, TokenType}}, errors {title, status, message, error, error_description}."),
                ["password"] = Text("The account's password."),
            }),
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "RFC 6749 §5.1 token response.",
                    Content = Json(new OpenApiSchema
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
                    }),
                },
                ["400"] = Error("invalid_request, invalid_grant (wrong credentials, locked account, refused refresh token), unsupported_grant_type, invalid_scope."),
                ["401"] = Error("invalid_client: unknown or missing client_id."),
                ["413"] = new OpenApiResponse { Description = "Body too large (problem details)." },
                ["429"] = new OpenApiResponse { Description = "Too many password grants for this username or address, or too many password checks at once (problem details, Retry-After)." },
            },
        });
        document.Paths[AuthPaths.Refresh] = Post(document, new OpenApiOperation
        {
            OperationId = "ExtensionRefresh",
            Summary = "The extension's refresh: a refresh_token grant of client " + ExtensionClient.ClientId + ", whose refresh tokens are not rotated.",
            RequestBody = WithJson(new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType>() },
                ["refresh_token"], new Dictionary<string, IOpenApiSchema> { ["refresh_token"] = Text("The refresh token of the JSON login; the same one every time.") }),
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "{message, data: {AccessToken, ExpiresIn, TokenType}}: a new access token; the refresh token stays valid.",
                    Content = Json(new OpenApiSchema { Type = JsonSchemaType.Object }),
                },
                ["400"] = new OpenApiResponse
                {
                    Description = "{title, status, message, error, error_description}: the refresh token was refused (expired, session ended, unknown).",
                    Content = Json(new OpenApiSchema { Type = JsonSchemaType.Object }),
                },
            },
        });
        document.Paths[AuthPaths.Revocation] = Post(document, new OpenApiOperation
        {
            OperationId = "Revoke",
            Summary = "Revoke a refresh token (log out): RFC 7009.",
            RequestBody = Form(["token", "client_id"], new Dictionary<string, IOpenApiSchema>
            {
                ["token"] = Text("The refresh token to revoke."),
                ["token_type_hint"] = Text("refresh_token", "refresh_token", "access_token"),
                ["client_id"] = Text(HeyHoClientSeeder.ClientId, HeyHoClientSeeder.ClientId),
            }),
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse { Description = "Revoked (also answered for unknown tokens, as RFC 7009 requires)." },
                ["400"] = Error("invalid_request, unsupported_token_type."),
                ["401"] = Error("invalid_client: unknown or missing client_id."),
            },
        });
        var authorize = new OpenApiOperation
        {
            OperationId = "Authorize",
            Summary = "The OAuth 2.0 authorization endpoint, code flow with PKCE (S256) for the configured public clients (Auth:PublicClients), in a browser: "
                + $"signed out, it sends the browser to {WebPaths.SignIn} and back; a third-party client without a live session of the user first gets the "
                + $"user's answer on {WebPaths.Consent}. The answer is a redirect to the client's redirect URI with code and state, or with an RFC 6749 §4.1.2.1 error. "
                + "A POST of the same parameters as a form is answered alike.",
            Parameters =
            [
                Query("client_id", "A configured public client.", required: true),
                Query("redirect_uri", "One of the client's redirect URIs, exactly (a loopback one registered without a port: any port).", required: true),
                Query("response_type", "code", required: true, "code"),
                Query("code_challenge", "BASE64URL(SHA-256(code_verifier)).", required: true),
                Query("code_challenge_method", "S256 (plain is refused).", required: true, "S256"),
                Query("scope", "offline_access for a refresh token; openid for an identity token."),
                Query("state", "Returned unchanged with the code or the error."),
                Query("prompt", "none: answer login_required or consent_required instead of showing a page.", required: false, "none"),
                Query(AuthorizationEndpoint.ConsentParameter, $"Set by {WebPaths.Consent}: the user's answer (deny, or a sealed ticket for allow)."),
            ],
            Responses = new OpenApiResponses
            {
                ["302"] = new OpenApiResponse
                {
                    Description = "To the redirect URI (code and state; or error access_denied, login_required, consent_required, invalid_request …), "
                        + $"or to {WebPaths.SignIn} or {WebPaths.Consent} with this request's parameters.",
                },
                ["400"] = Error("The client or the redirect URI is not one of the configured ones: answered here, never redirected."),
            },
        };
        document.Paths[AuthPaths.Authorization] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = Tagged(document, authorize) },
        };
        return Task.CompletedTask;
    }

    /// <summary>"15 minutes", "90 seconds": the lifetime as configured (whole minutes when it is whole minutes).</summary>
    internal static string Duration(TimeSpan lifetime) => lifetime.TotalMinutes % 1 == 0
        ? $"{lifetime.TotalMinutes:0} minute{(lifetime.TotalMinutes == 1 ? "" : "s")}"
        : $"{lifetime.TotalSeconds:0} seconds";

    private static OpenApiPathItem Post(OpenApiDocument document, OpenApiOperation operation) =>
        new() { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = Tagged(document, operation) } };

    private static OpenApiOperation Tagged(OpenApiDocument document, OpenApiOperation operation)
    {
        operation.Tags = new HashSet<OpenApiTagReference> { new("Auth", document) };
        return operation;
    }

    private static OpenApiParameter Query(string name, string description, bool required = false, params string[] values) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = required,
        Description = description,
        Schema = Text(description: null, values),
    };

    private static OpenApiRequestBody Form(HashSet<string> required, Dictionary<string, IOpenApiSchema> fields) => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/x-www-form-urlencoded"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = required, Properties = fields } },
        },
    };

    private static OpenApiRequestBody WithJson(OpenApiRequestBody body, HashSet<string> required, Dictionary<string, IOpenApiSchema> fields)
    {
        body.Content!["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = required, Properties = fields } };
        return body;
    }

    private static Dictionary<string, OpenApiMediaType> Json(OpenApiSchema schema) => new() { ["application/json"] = new() { Schema = schema } };

    private static OpenApiResponse Error(string description) => new() { Description = description, Content = Json(OAuthError()) };

    private static OpenApiSchema Text(string? description, params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = values.Length == 0 ? null : values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };
}
