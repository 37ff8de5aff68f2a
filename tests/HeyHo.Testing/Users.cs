using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace HeyHo.Testing;

/// <summary>The bench's and the reliability runs' users: register and log in over the real endpoints.</summary>
public static class Users
{
    public const string Password = "bench glacier teapot radio";

    /// <summary>Registers (unless <paramref name="registeredEmail"/> is given) and logs in; returns the access token.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string name, string? registeredEmail = null)
    {
        var email = registeredEmail ?? $"{name}@bench.example";
        if (registeredEmail is null)
        {
            using var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        }
        using var login = await PasswordGrant(http, email, Password);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    public static async Task<double> TimeFailedLoginAsync(HttpClient http, string email, string password)
    {
        var watch = Stopwatch.StartNew();
        using var response = await PasswordGrant(http, email, password);
        await response.Content.LoadIntoBufferAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            throw new InvalidOperationException($"expected invalid_grant, got {(int)response.StatusCode}");
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    public static Task<HttpResponseMessage> PasswordGrant(HttpClient http, string email, string password) =>
        http.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = email, ["password"] = password,
            ["client_id"] = "heyho-extension", ["scope"] = "offline_access",
        }));
}
