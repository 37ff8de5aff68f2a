using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// The shipped browser extension's own client. It posts JSON to login, refresh and register, reads PascalCase answers
/// and re-sends the same refresh token on every refresh, so this client's refresh tokens are not rotated (see
/// docs/configuration.md, "Refresh tokens of the extension"). Standard OAuth clients use <see cref="HeyHoClientSeeder.ClientId"/>.
/// </summary>
public static class ExtensionClient
{
    public const string ClientId = "heyho-extension-json";

    /// <summary>Registration through the token pipeline, so a new account is signed in with the same tokens as a login.</summary>
    public const string RegisterGrantType = "urn:heyho:params:oauth:grant-type:register";

    private const string JsonRequestProperty = "heyho:json_request";

    public static OpenIddictApplicationDescriptor Descriptor() => new()
    {
        ClientId = ClientId,
        ClientType = ClientTypes.Public,
        DisplayName = "HeyHo browser extension (JSON sign-in)",
        Permissions =
        {
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken,
            Permissions.Prefixes.GrantType + RegisterGrantType,
            Permissions.Prefixes.Scope + Scopes.OfflineAccess,
        },
    };

    public static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    public static bool IsRefreshOfThisClient(OpenIddictRequest request) =>
        request.IsRefreshTokenGrantType() && request.ClientId == ClientId;

    public static void MarkJson(OpenIddict.Server.OpenIddictServerTransaction transaction) =>
        transaction.Properties[JsonRequestProperty] = true;

    public static bool IsJson(OpenIddict.Server.OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(JsonRequestProperty, out var value) && value is true;
}
