using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// The shipped extension's HTTP habits (shared/extension-protocol.md), replayed exactly: JSON Content-Type on every
/// request (GET included), bodies parsed only when the Content-Type contains "application/json", errors shown as
/// message, then error, then "HTTP status"; <c>data ?? body</c> with PascalCase or snake_case token names; the same
/// refresh token sent on every refresh; one refresh-and-retry on a 401, a failed refresh logs out locally.
/// </summary>
public sealed class ExtensionProtocolClient(HttpClient http)
{
    private const string Api = "/api/v1";

    public sealed record Answer(HttpStatusCode Status, string? ContentType, JsonNode? Body, string? Shown)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
    }

    public string? AccessToken { get; private set; }

    public string? RefreshToken { get; private set; }

    public long ExpiresIn { get; private set; }

    public JsonObject? User { get; private set; }

    public bool SignedIn => AccessToken is not null;

    public async Task<Answer> RegisterAsync(string email, string password, string firstName, string lastName)
    {
        var answer = await SendAsync(HttpMethod.Post, "/auth/register", new { email, password, first_name = firstName, last_name = lastName });
        if (answer.Ok && Data(answer) is { } data && (Text(data, "access_token") ?? Text(data, "AccessToken")) is { } access)
        {
            AccessToken = access;
            RefreshToken = Text(data, "refresh_token") ?? Text(data, "RefreshToken");
            ExpiresIn = Expiry(data);
            User = data["user"] as JsonObject;
        }
        return answer;
    }

    public Task<Answer> VerifyEmailAsync(string email, string code) => SendAsync(HttpMethod.Post, "/verify-email", new { email, code });

    public Task<Answer> ResendVerificationAsync(string email) => SendAsync(HttpMethod.Post, "/resend-verification", new { email });

    /// <summary>Login, then /auth/me as the extension does; either failing is a failed login.</summary>
    public async Task<Answer> LoginAsync(string email, string password)
    {
        var answer = await SendAsync(HttpMethod.Post, "/auth/login", new { email, password });
        if (!answer.Ok)
        {
            return answer;
        }
        var data = Data(answer);
        if (data is null || Text(data, "AccessToken") is not { } access || Text(data, "RefreshToken") is not { } refresh)
        {
            return answer with { Shown = "missing tokens" };
        }
        (AccessToken, RefreshToken, ExpiresIn) = (access, refresh, Expiry(data));

        var me = await SendAsync(HttpMethod.Get, "/auth/me", null, AccessToken);
        if (!me.Ok || me.Body?["user"] is not JsonObject user)
        {
            AccessToken = RefreshToken = null;
            return me with { Shown = me.Shown ?? "no user" };
        }
        User = user;
        return answer;
    }

    /// <summary>Stores only the new access token: the refresh token it sends stays the first one, forever.</summary>
    public async Task<Answer> RefreshAsync()
    {
        var answer = await SendAsync(HttpMethod.Post, "/auth/refresh", new { refresh_token = RefreshToken });
        if (answer.Ok && Data(answer) is { } data && (Text(data, "access_token") ?? Text(data, "AccessToken")) is { } access)
        {
            AccessToken = access;
            ExpiresIn = Expiry(data);
            return answer;
        }
        AccessToken = RefreshToken = null; // a failed refresh logs the user out locally
        return answer;
    }

    public async Task<Answer> LogoutAsync()
    {
        var answer = await SendAsync(HttpMethod.Post, "/auth/logout", new { }, AccessToken);
        AccessToken = RefreshToken = null;
        return answer;
    }

    /// <summary>An authenticated call: on a 401 it refreshes once and retries once.</summary>
    public async Task<Answer> CallAsync(HttpMethod method, string path, object? body = null)
    {
        var answer = await SendAsync(method, path, body, AccessToken);
        if (answer.Status != HttpStatusCode.Unauthorized || RefreshToken is null)
        {
            return answer;
        }
        return (await RefreshAsync()).Ok ? await SendAsync(method, path, body, AccessToken) : answer;
    }

    public async Task<Answer> SyncAsync(string batchJson) => await SendRawAsync(HttpMethod.Post, "/data/sync", batchJson, AccessToken);

    public Task<Answer> SendAsync(HttpMethod method, string path, object? body, string? bearer = null) =>
        SendRawAsync(method, path, body is null ? null : System.Text.Json.JsonSerializer.Serialize(body), bearer);

    private async Task<Answer> SendRawAsync(HttpMethod method, string path, string? json, string? bearer)
    {
        using var request = new HttpRequestMessage(method, Api + path)
        {
            // fetch sends the JSON Content-Type on every request, a GET without body included.
            Content = new StringContent(json ?? string.Empty, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await http.SendAsync(request);
        var contentType = response.Content.Headers.ContentType?.ToString();
        var text = await response.Content.ReadAsStringAsync();
        var body = contentType?.Contains("application/json", StringComparison.Ordinal) == true && text.Length > 0 ? JsonNode.Parse(text) : null;
        var shown = response.IsSuccessStatusCode ? null
            : Text(body, "message") ?? Text(body, "error") ?? $"HTTP {(int)response.StatusCode}";
        return new Answer(response.StatusCode, contentType, body, shown);
    }

    private static JsonObject? Data(Answer answer) => (answer.Body?["data"] ?? answer.Body) as JsonObject;

    private static long Expiry(JsonObject data) => data[nameof(ExpiresIn)] is JsonValue v && v.TryGetValue<long>(out var s) ? s : 3600;

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
