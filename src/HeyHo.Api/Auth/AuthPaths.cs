namespace HeyHo.Api.Auth;

/// <summary>The authorization server's endpoints, relative to the site root as OpenIddict takes them.</summary>
public static class AuthPaths
{
    public const string Token = "api/v1/auth/login";
    public const string Revocation = "api/v1/auth/revoke";

    /// <summary>The path as requests and the OpenAPI document name it (with a leading slash).</summary>
    public static string Rooted(string endpoint) => "/" + endpoint;
}
