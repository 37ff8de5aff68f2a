using System.Net.Http.Headers;

namespace HeyHo.Api.Tests.Harness;

/// <summary>Logins from a named device, and calls with a given token.</summary>
public static class SessionApi
{
    public const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    public const string Firefox = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    public const string Curl = "curl/8.5.0";

    public static async Task<Tokens> LoginFromAsync(this HttpClient client, string email, string userAgent, string password = TestApi.Password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["username"] = email, ["password"] = password,
                ["client_id"] = TestApi.ClientId, ["scope"] = "offline_access",
            }),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await TestApi.ReadTokensAsync(await client.SendAsync(request));
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }
        return await client.SendAsync(request);
    }
}
