using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyHo.Api.Tests.Harness;

public sealed record Tokens(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType);

/// <summary>What the extension does, over the real endpoints.</summary>
public static class TestApi
{
    public const string ClientId = "heyho-extension";
    public const string Password = "correct horse battery staple";

    public static async Task<JsonObject> RegisterAsync(this HttpClient client, string email, string password = Password, string? displayName = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static Task<HttpResponseMessage> PasswordGrantAsync(this HttpClient client, string email, string password = Password, string clientId = ClientId) =>
        client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
            ["client_id"] = clientId,
            ["scope"] = "offline_access",
        }));

    public static Task<HttpResponseMessage> RefreshGrantAsync(this HttpClient client, string refreshToken) =>
        client.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = ClientId,
        }));

    public static async Task<Tokens> LoginAsync(this HttpClient client, string email, string password = Password) =>
        await ReadTokensAsync(await client.PasswordGrantAsync(email, password));

    public static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        return new Tokens(
            json["access_token"]!.GetValue<string>(),
            json["refresh_token"]!.GetValue<string>(),
            json["expires_in"]!.GetValue<int>(),
            json["token_type"]!.GetValue<string>());
    }

    /// <summary>Registers and logs in a new user; returns a client that sends its access token.</summary>
    public static async Task<(HttpClient Client, Tokens Tokens, string UserId)> SignedInUserAsync(this HeyHoApiFactory factory, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        var anonymous = factory.CreateClient();
        var profile = await anonymous.RegisterAsync(email);
        var tokens = await anonymous.LoginAsync(email);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return (client, tokens, profile["id"]!.GetValue<string>());
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static HttpRequestMessage Json(HttpMethod method, string url, object body) =>
        new(method, url) { Content = JsonContent.Create(body) };

    public static JsonSerializerOptions Web { get; } = new(JsonSerializerDefaults.Web);
}
