using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeyHo.Api.Tests.Auth;

/// <summary>
/// The published extension against HeyHo, request by request as it sends them and answer by answer as it reads them
/// (<see cref="ExtensionProtocolClient"/>); on SQLite or PostgreSQL as the suite runs.
/// </summary>
public sealed class ExtensionContractTests : IDisposable
{
    private const string Password = "correct horse battery staple";

    private static readonly string[] Volatile = ["id", "createdAt", "AccessToken", "RefreshToken", "ExpiresIn", "syncId", "receivedAt"];

    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private ExtensionProtocolClient NewExtension() => new(_factory.CreateClient());

    [Fact]
    public async Task Journey_SignUpLoginSyncRefreshAndLogout_WorksAsTheExtensionReadsIt()
    {
        var extension = NewExtension();

        var tooShort = await extension.RegisterAsync("ada@example.com", "Abcdef12", "Ada", "Lovelace");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.Status);
        Assert.Contains("12 to 128 characters", tooShort.Shown, StringComparison.Ordinal);
        Assert.False(extension.SignedIn);

        var signUp = await extension.RegisterAsync("ada@example.com", Password, "Ada", "Lovelace");
        Assert.Equal(HttpStatusCode.Created, signUp.Status);
        Assert.True(extension.SignedIn);
        Assert.Equal("Ada", extension.User!["firstName"]!.GetValue<string>());

        // The code from the email (the development mail directory), typed on the verify page.
        var mailbox = _factory.Mailbox();
        var code = await mailbox.NextCodeAsync("ada@example.com");
        var wrong = await extension.VerifyEmailAsync("ada@example.com", code == "000000" ? "111111" : "000000");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.DoesNotContain("HTTP", wrong.Shown, StringComparison.Ordinal);
        Assert.True((await extension.ResendVerificationAsync("ada@example.com")).Ok);
        code = await mailbox.NextCodeAsync("ada@example.com");
        Assert.True((await extension.VerifyEmailAsync("ada@example.com", code)).Ok);

        var login = await extension.LoginAsync("ada@example.com", Password);
        Assert.True(login.Ok, login.Shown);
        Assert.InRange(extension.ExpiresIn, 895, 900);
        Assert.True(extension.User!["emailVerified"]!.GetValue<bool>());
        Assert.Equal(("Ada", "Lovelace", "ada@example.com"),
            (extension.User!["firstName"]!.GetValue<string>(), extension.User["lastName"]!.GetValue<string>(), extension.User["email"]!.GetValue<string>()));
        var firstRefreshToken = extension.RefreshToken;

        var sync = await extension.SyncAsync(SyncData.SampleBatch);
        Assert.Equal(HttpStatusCode.OK, sync.Status);

        // Every refresh sends the very first refresh token again; hours pass between them and the access tokens expire.
        for (var hour = 1; hour <= 5; hour++)
        {
            var expired = extension.AccessToken;
            _factory.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.Unauthorized, (await extension.SendAsync(HttpMethod.Get, "/data/status", null, expired)).Status);

            var refresh = await extension.RefreshAsync();
            Assert.True(refresh.Ok, $"refresh {hour}: {refresh.Shown}");
            Assert.Equal(firstRefreshToken, extension.RefreshToken);
            Assert.NotEqual(expired, extension.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await extension.CallAsync(HttpMethod.Get, "/data/status")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await extension.SyncAsync(SyncData.SampleBatch)).Status);
        var lastAccessToken = extension.AccessToken;

        var logout = await extension.LogoutAsync();
        Assert.True(logout.Ok);

        var afterLogout = new ExtensionProtocolClient(_factory.CreateClient());
        Assert.Equal(HttpStatusCode.Unauthorized, (await afterLogout.SendAsync(HttpMethod.Get, "/data/status", null, lastAccessToken)).Status);
        var refreshAfterLogout = await afterLogout.SendAsync(HttpMethod.Post, "/auth/refresh", new { refresh_token = firstRefreshToken });
        Assert.Equal(HttpStatusCode.BadRequest, refreshAfterLogout.Status);
        Assert.Contains("refresh token is no longer valid", refreshAfterLogout.Shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPasswordUnknownEmailLockedAccount_ShowTheSameSentence()
    {
        var extension = NewExtension();
        await extension.RegisterAsync("bob@example.com", Password, "Bob", "B");
        await extension.RegisterAsync("carol@example.com", Password, "Carol", "C");
        for (var i = 0; i < 5; i++)
        {
            await extension.LoginAsync("carol@example.com", $"wrong password {i:D4}");
        }

        var wrong = await extension.LoginAsync("bob@example.com", "not the password at all");
        var unknown = await extension.LoginAsync("nobody@example.com", Password);
        var locked = await extension.LoginAsync("carol@example.com", Password);

        Assert.All([wrong, unknown, locked], answer =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal("application/json; charset=utf-8", answer.ContentType);
            Assert.Equal("The email or password is invalid.", answer.Shown);
        });
        Assert.Equal(wrong.Body!.ToJsonString(), unknown.Body!.ToJsonString());
        Assert.Equal(wrong.Body.ToJsonString(), locked.Body!.ToJsonString());
        Snapshots.MatchJson(wrong.Body.ToJsonString());
    }

    [Fact]
    public async Task Answers_HaveTheShapesTheExtensionReads()
    {
        var extension = NewExtension();
        var register = await extension.RegisterAsync("shape@example.com", Password, "Grace", "Hopper");
        var login = await extension.LoginAsync("shape@example.com", Password);
        var me = await extension.CallAsync(HttpMethod.Get, "/auth/me");
        var refresh = await extension.RefreshAsync();

        Snapshots.MatchJson(new JsonObject
        {
            ["register"] = register.Body!.DeepClone(),
            ["login"] = login.Body!.DeepClone(),
            ["me"] = me.Body!.DeepClone(),
            ["refresh"] = refresh.Body!.DeepClone(),
        }.ToJsonString(), Volatile);
        Assert.All([register, login, me, refresh], a => Assert.StartsWith("application/json", a.ContentType, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonLogin_AccessTokenIsTheSameJwtAsTheStandardClients_VerifiableAtTheJwks()
    {
        var http = _factory.CreateClient();
        var extension = new ExtensionProtocolClient(http);
        await extension.RegisterAsync("jwks@example.com", Password, "J", "W");
        await extension.LoginAsync("jwks@example.com", Password);

        var keys = new JsonWebKeySet(await http.GetStringAsync("/.well-known/jwks"));
        var discovery = JsonNode.Parse(await http.GetStringAsync("/.well-known/openid-configuration"))!;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(extension.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = discovery["issuer"]!.GetValue<string>(),
            ValidateAudience = false,
            IssuerSigningKeys = keys.GetSigningKeys(),
            LifetimeValidator = (_, expires, _, _) => expires > _factory.Clock.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("RS256", ((JsonWebToken)result.SecurityToken).Alg);
        Assert.Equal("heyho-extension-json", result.Claims["client_id"]);
        Assert.EndsWith("/api/v1/auth/login", discovery["token_endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_ExpiredOrRevokedOrMissingToken_Answers2xx_AndTheSessionEnds()
    {
        var extension = NewExtension();
        await extension.RegisterAsync("sleepy@example.com", Password, "S", "L");
        await extension.LoginAsync("sleepy@example.com", Password);
        var (access, refresh) = (extension.AccessToken, extension.RefreshToken);

        _factory.Clock.Advance(TimeSpan.FromHours(3)); // the access token expired while the laptop slept
        Assert.Equal(HttpStatusCode.NoContent, (await extension.SendAsync(HttpMethod.Post, "/auth/logout", new { }, access)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await extension.SendAsync(HttpMethod.Post, "/auth/logout", new { }, access)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await extension.SendAsync(HttpMethod.Post, "/auth/logout", new { })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await extension.SendAsync(HttpMethod.Post, "/auth/logout", new { }, "not-a-token")).Status);

        var again = await extension.SendAsync(HttpMethod.Post, "/auth/refresh", new { refresh_token = refresh });
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
    }

    [Fact]
    public async Task Logout_EndsOnlyItsOwnSession()
    {
        var laptop = NewExtension();
        var desktop = NewExtension();
        await laptop.RegisterAsync("two@example.com", Password, "T", "W");
        await laptop.LoginAsync("two@example.com", Password);
        await desktop.LoginAsync("two@example.com", Password);

        await laptop.LogoutAsync();

        Assert.Equal(HttpStatusCode.OK, (await desktop.CallAsync(HttpMethod.Get, "/auth/me")).Status);
        Assert.True((await desktop.RefreshAsync()).Ok);
    }

    [Fact]
    public async Task Me_WithoutToken_Is401()
    {
        var answer = await NewExtension().SendAsync(HttpMethod.Get, "/auth/me", null);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
    }

    [Fact]
    public async Task Refresh_UnknownToken_IsRefusedWithASentence()
    {
        var answer = await NewExtension().SendAsync(HttpMethod.Post, "/auth/refresh", new { refresh_token = "garbage" });
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.False(string.IsNullOrWhiteSpace(answer.Shown));
        Assert.DoesNotContain("HTTP", answer.Shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandardClient_RefreshTokensStillRotate_AndAReplayEndsTheSession()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("form@example.com");
        var first = await client.LoginAsync("form@example.com");

        var second = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(first.RefreshToken));
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        _factory.Clock.Advance(TimeSpan.FromMinutes(5)); // past the reuse leeway

        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshGrantAsync(first.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshGrantAsync(second.RefreshToken)).StatusCode);
    }
}
