using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class SessionsTests : IDisposable
{
    private static readonly string[] Volatile = ["id", "createdAt", "lastUsedAt", "traceId"];
    private readonly HeyHoApiFactory _factory = new();
    private readonly HttpClient _client;

    public SessionsTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    private async Task<JsonArray> ListAsync(string accessToken)
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/api/v1/account/sessions", accessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonArray)(await response.ReadJsonAsync())["items"]!;
    }

    private static string IdOf(JsonArray sessions, string device) =>
        sessions.Single(s => s!["device"]!.GetValue<string>() == device)!["id"]!.GetValue<string>();

    private async Task<HttpStatusCode> CallAsync(Tokens tokens) =>
        (await _client.SendAsync(HttpMethod.Get, "/api/v1/account", tokens.AccessToken)).StatusCode;

    private static string WithoutTraceId(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"traceId\":\"[^\"]*\"", "");

    private async Task<HttpStatusCode> RefreshAsync(Tokens tokens) => (await _client.RefreshGrantAsync(tokens.RefreshToken)).StatusCode;

    [Fact]
    public async Task List_AfterLoginsFromTwoDevices_ShowsEachWithItsLabel_AndMarksTheCallersOwn()
    {
        await _client.RegisterAsync("ada@example.com");
        var chrome = await _client.LoginFromAsync("ada@example.com", SessionApi.Chrome);
        await _client.LoginFromAsync("ada@example.com", SessionApi.Curl);

        var response = await _client.SendAsync(HttpMethod.Get, "/api/v1/account/sessions", chrome.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var items = ((JsonArray)body["items"]!).OrderBy(s => s!["device"]!.GetValue<string>(), StringComparer.Ordinal).Select(s => s!.DeepClone()).ToArray();
        body["items"] = new JsonArray(items);
        Snapshots.MatchJson(body.ToJsonString(), Volatile);
        Assert.Single(items, s => s["current"]!.GetValue<bool>());
        Assert.All(items, s => Assert.NotNull(s["lastUsedAt"]));
    }

    [Fact]
    public async Task End_OneSession_RefusesItsAccessAndRefreshTokensAtOnce_TheOtherStillWorks()
    {
        await _client.RegisterAsync("ada@example.com");
        var chrome = await _client.LoginFromAsync("ada@example.com", SessionApi.Chrome);
        var curl = await _client.LoginFromAsync("ada@example.com", SessionApi.Curl);
        var curlId = IdOf(await ListAsync(chrome.AccessToken), "curl");

        var response = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{curlId}", chrome.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(curl));
        Assert.Equal(HttpStatusCode.BadRequest, await RefreshAsync(curl));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(chrome));
        Assert.Equal(HttpStatusCode.OK, await RefreshAsync(chrome));
        Assert.DoesNotContain(await ListAsync(chrome.AccessToken), s => s!["id"]!.GetValue<string>() == curlId);
    }

    [Fact]
    public async Task End_AnotherUsersSession_Is404_AndThatSessionLives()
    {
        await _client.RegisterAsync("ada@example.com");
        await _client.RegisterAsync("eve@example.com");
        var ada = await _client.LoginFromAsync("ada@example.com", SessionApi.Chrome);
        var eve = await _client.LoginFromAsync("eve@example.com", SessionApi.Curl);
        var adaSession = IdOf(await ListAsync(ada.AccessToken), "Chrome 131 on Windows");

        var response = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{adaSession}", eve.AccessToken);
        var unknown = await _client.SendAsync(HttpMethod.Delete, "/api/v1/account/sessions/no-such-session", eve.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(WithoutTraceId(await response.Content.ReadAsStringAsync()), WithoutTraceId(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, await CallAsync(ada));
        Assert.DoesNotContain(await ListAsync(eve.AccessToken), s => s!["id"]!.GetValue<string>() == adaSession);
    }

    [Fact]
    public async Task EndOthers_EndsAllButTheCallers()
    {
        await _client.RegisterAsync("ada@example.com");
        var chrome = await _client.LoginFromAsync("ada@example.com", SessionApi.Chrome);
        var curl = await _client.LoginFromAsync("ada@example.com", SessionApi.Curl);
        var firefox = await _client.LoginFromAsync("ada@example.com", SessionApi.Firefox);

        var response = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/sessions/end-others", chrome.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync()); // the two logins and the registration's session
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(curl));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(firefox));
        Assert.Equal(HttpStatusCode.BadRequest, await RefreshAsync(firefox));
        var left = Assert.Single(await ListAsync(chrome.AccessToken));
        Assert.True(left!["current"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ChangePassword_EndsEverySession_TheCallersOwnIncluded()
    {
        await _client.RegisterAsync("ada@example.com");
        var chrome = await _client.LoginFromAsync("ada@example.com", SessionApi.Chrome);
        var curl = await _client.LoginFromAsync("ada@example.com", SessionApi.Curl);

        var response = await _client.SendAsync(HttpMethod.Post, "/api/v1/account/password", chrome.AccessToken,
            new { currentPassword = TestApi.Password, newPassword = "violet tugboat marmalade zipper" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(chrome));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(curl));
        Assert.Equal(HttpStatusCode.BadRequest, await RefreshAsync(chrome));
        var fresh = await _client.LoginFromAsync("ada@example.com", SessionApi.Curl, "violet tugboat marmalade zipper");
        Assert.Single(await ListAsync(fresh.AccessToken));
    }

    [Fact]
    public async Task Logout_EndsTheSession_ItLeavesTheList()
    {
        await _client.RegisterAsync("ada@example.com");
        var chrome = await _client.LoginFromAsync("ada@example.com", SessionApi.Chrome);
        var curl = await _client.LoginFromAsync("ada@example.com", SessionApi.Curl);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(HttpMethod.Post, "/api/v1/auth/logout", curl.AccessToken, new { })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(curl));
        Assert.DoesNotContain(await ListAsync(chrome.AccessToken), s => s!["device"]!.GetValue<string>() == "curl");
    }
}
