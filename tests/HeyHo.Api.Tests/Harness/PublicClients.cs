using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace HeyHo.Api.Tests.Harness;

/// <summary>Public clients of the authorization endpoint as a deployment would configure them, and raw code-flow requests.</summary>
public static class PublicClients
{
    public const string Cli = "heyho-cli";
    public const string Extension = "heyho-extension-web";
    public const string ExtensionRedirect = "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/";
    public const string ThirdParty = "acme-notes";
    public const string ThirdPartyName = "Acme Notes";
    public const string ThirdPartyRedirect = "https://notes.acme.example/callback";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["Auth:PublicClients:0:ClientId"] = Cli,
        ["Auth:PublicClients:0:DisplayName"] = "HeyHo command line",
        ["Auth:PublicClients:0:FirstParty"] = "true",
        ["Auth:PublicClients:0:RedirectUris:0"] = "http://127.0.0.1/callback",
        ["Auth:PublicClients:0:RedirectUris:1"] = "http://[::1]/callback",
        ["Auth:PublicClients:1:ClientId"] = Extension,
        ["Auth:PublicClients:1:FirstParty"] = "true",
        ["Auth:PublicClients:1:RedirectUris:0"] = ExtensionRedirect,
        ["Auth:PublicClients:2:ClientId"] = ThirdParty,
        ["Auth:PublicClients:2:DisplayName"] = ThirdPartyName,
        ["Auth:PublicClients:2:RedirectUris:0"] = ThirdPartyRedirect,
    };

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static string AuthorizeUrl(string clientId, string redirectUri, string? challenge, string method = "S256", string scope = "offline_access") =>
        QueryHelpers.AddQueryString("/api/v1/auth/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = "state-1",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = challenge is null ? null : method,
        }.Where(p => p.Value is not null));

    /// <summary>The code in a redirect to the client (the authorization response's Location).</summary>
    public static string CodeOf(Uri location) =>
        QueryHelpers.ParseQuery(location.Query).TryGetValue("code", out var code) ? code.ToString() : throw new InvalidOperationException($"no code in {location}");

    public static Task<HttpResponseMessage> RedeemAsync(HttpClient http, string clientId, string code, string redirectUri, string verifier) =>
        http.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = verifier,
        }));

    /// <summary>A signed-in browser asks for a code; returns the redirect to the client.</summary>
    public static async Task<HttpResponseMessage> AuthorizeAsync(WebForms browser, string clientId, string redirectUri, string challenge)
    {
        var response = await browser.Http.GetAsync(AuthorizeUrl(clientId, redirectUri, challenge));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
