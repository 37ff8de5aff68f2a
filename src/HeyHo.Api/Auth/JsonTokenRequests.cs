using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HeyHo.Api.Auth;

/// <summary>
/// Replaces OpenIddict's form-only <c>ExtractPostRequest</c> at its order: a form body is read by OpenIddict as before
/// (RFC 6749 clients); a JSON body from the extension becomes the equivalent OAuth request of <see cref="ExtensionClient"/>,
/// so its login, refresh and registration run through the same pipeline, grant handlers and token issuance.
/// </summary>
internal sealed class ExtractJsonTokenRequest : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    private static readonly OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext> FormRequest = new();

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
            .UseSingletonHandler<ExtractJsonTokenRequest>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        var http = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("No HTTP request.");
        var path = http.Path.Value?.TrimEnd('/') ?? string.Empty;
        var isLogin = path.Equals(AuthPaths.Token, StringComparison.OrdinalIgnoreCase);
        if (!HttpMethods.IsPost(http.Method) || !ExtensionClient.IsJson(http.ContentType))
        {
            if (isLogin)
            {
                await FormRequest.HandleAsync(context);
                return;
            }
            context.Reject(Errors.InvalidRequest, "The request body must be a JSON object sent with Content-Type: application/json.");
            return;
        }

        ExtensionClient.MarkJson(context.Transaction);
        http.EnableBuffering();
        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Body, cancellationToken: context.CancellationToken) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }
        http.Body.Position = 0; // the registration endpoint binds the same body
        if (body is null)
        {
            context.Reject(Errors.InvalidRequest, "The request body must be a JSON object.");
            return;
        }

        var request = new OpenIddictRequest { ClientId = ExtensionClient.ClientId };
        if (isLogin)
        {
            request.GrantType = GrantTypes.Password;
            request.Username = Text(body, "email");
            request.Password = Text(body, "password");
            request.Scope = Scopes.OfflineAccess;
        }
        else if (path.Equals(AuthPaths.Refresh, StringComparison.OrdinalIgnoreCase))
        {
            request.GrantType = GrantTypes.RefreshToken;
            request.RefreshToken = Text(body, "refresh_token") ?? Text(body, "refreshToken");
        }
        else
        {
            request.GrantType = ExtensionClient.RegisterGrantType;
            request.Scope = Scopes.OfflineAccess;
        }
        context.Transaction.Request = request;
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>
/// Answers the extension's JSON requests in the shape it reads (<c>body.data ?? body</c>, PascalCase token names,
/// <c>message</c> for errors, Content-Type application/json); form requests keep OpenIddict's RFC 6749 answer.
/// </summary>
internal sealed class WriteJsonTokenResponse : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .AddFilter<OpenIddictServerAspNetCoreHandlerFilters.RequireHttpRequest>()
            .UseSingletonHandler<WriteJsonTokenResponse>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyTokenResponseContext>.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (!ExtensionClient.IsJson(context.Transaction))
        {
            return;
        }

        var http = context.Transaction.GetHttpRequest()!.HttpContext;
        var response = context.Response;
        JsonObject body;
        if (!string.IsNullOrEmpty(response.Error))
        {
            // Problem-details members for people, the OAuth members for OAuth-minded clients, and message for the extension.
            var sentence = response.ErrorDescription ?? "The request was refused.";
            body = new JsonObject
            {
                ["title"] = sentence,
                ["status"] = http.Response.StatusCode,
                ["message"] = sentence,
                ["error"] = response.Error,
                ["error_description"] = sentence,
            };
        }
        else
        {
            var data = new JsonObject
            {
                ["AccessToken"] = response.AccessToken,
                ["TokenType"] = TokenTypes.Bearer,
                ["ExpiresIn"] = response.ExpiresIn,
            };
            if (response.RefreshToken is { } refreshToken)
            {
                data["RefreshToken"] = refreshToken;
            }
            if (RegisteredProfile.Take(http) is { } profile)
            {
                // Old clients read the profile at the top level; the extension reads tokens and user from data.
                data["user"] = profile.DeepClone();
                body = profile;
                body["data"] = data;
                http.Response.StatusCode = StatusCodes.Status201Created;
                http.Response.Headers.Location = "/api/v1/account";
            }
            else
            {
                var message = context.Request?.IsRefreshTokenGrantType() == true ? "Access token renewed." : "Signed in.";
                body = new JsonObject { ["message"] = message, ["data"] = data };
            }
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Web), context.CancellationToken);
        context.HandleRequest();
    }
}
