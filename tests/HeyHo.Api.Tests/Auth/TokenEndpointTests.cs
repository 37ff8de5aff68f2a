using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Harness;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace HeyHo.Api.Tests.Auth;

public sealed class TokenEndpointTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task PasswordGrant_ValidCredentials_ReturnsSignedJwtAndRefreshToken()
    {
        var client = _factory.CreateClient();
        var profile = await client.RegisterAsync("alice@example.com", displayName: "Alice");

        var tokens = await client.LoginAsync("alice@example.com");

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.InRange(tokens.ExpiresIn, 895, 900);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        var jwt = new JsonWebToken(tokens.AccessToken); // a JWE would not parse as a JWS with claims
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal(profile["id"]!.GetValue<string>(), jwt.Subject);
        Assert.Equal("alice@example.com", jwt.GetClaim("email").Value);
        Assert.Equal("Alice", jwt.GetClaim("name").Value);
        Assert.False(jwt.TryGetClaim("heyho_stamp", out _));
    }

    [Fact]
    public async Task PasswordGrant_WrongPasswordOrUnknownEmail_AnswerIdentically()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("bob@example.com");

        var wrongPassword = await client.PasswordGrantAsync("bob@example.com", "not the password at all");
        var unknownEmail = await client.PasswordGrantAsync("nobody@example.com", "not the password at all");

        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownEmail.StatusCode);
        var a = await wrongPassword.Content.ReadAsStringAsync();
        Assert.Equal(a, await unknownEmail.Content.ReadAsStringAsync());
        Assert.Equal("invalid_grant", JsonNode.Parse(a)!["error"]!.GetValue<string>());
        Snapshots.MatchJson(a);
    }

    [Theory]
    [InlineData("known@example.com", "wrong password here")]
    [InlineData("nobody@example.com", "wrong password here")]
    [InlineData("locked@example.com", TestApi.Password)]
    public async Task PasswordGrant_EveryFailure_CostsOnePasswordHashVerification(string email, string password)
    {
        var hasher = new CountingPasswordHasher();
        using var factory = new HeyHoApiFactory(services: s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        var client = factory.CreateClient();
        await client.RegisterAsync("known@example.com");
        await client.RegisterAsync("locked@example.com");
        for (var i = 0; i < 5; i++)
        {
            await client.PasswordGrantAsync("locked@example.com", $"wrong password {i:D4}");
        }
        await client.PasswordGrantAsync("nobody@example.com", "creates the dummy hash once");
        var before = hasher.Verifications;

        var response = await client.PasswordGrantAsync(email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, hasher.Verifications - before);
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task PasswordGrant_FiveFailures_LocksOutEvenTheRightPasswordWithTheSameAnswer()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("carol@example.com");
        string? firstFailure = null;
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PasswordGrantAsync("carol@example.com", $"wrong password {i:D4}");
            firstFailure ??= await failed.Content.ReadAsStringAsync();
        }

        var locked = await client.PasswordGrantAsync("carol@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal(firstFailure, await locked.Content.ReadAsStringAsync());
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"LockoutEnd\" IS NOT NULL"));
    }

    [Fact]
    public async Task PasswordGrant_FourFailuresThenSuccess_ResetsTheCounter()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("dave@example.com");
        for (var i = 0; i < 4; i++)
        {
            await client.PasswordGrantAsync("dave@example.com", $"wrong password {i:D4}");
        }

        await client.LoginAsync("dave@example.com");

        Assert.Equal(0, _factory.Count("SELECT \"AccessFailedCount\" FROM \"AspNetUsers\""));
    }

    [Fact]
    public async Task PasswordGrant_UnknownClient_IsInvalidClient()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("erin@example.com");

        var response = await client.PasswordGrantAsync("erin@example.com", clientId: "someone-else");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // RFC 6749 §5.2: invalid_client may answer 401
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PasswordGrant_NoClientId_IsInvalidClient()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "x@example.com", ["password"] = "whatever password",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // RFC 6749 §5.2: invalid_client may answer 401
        Assert.Equal("invalid_client", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenEndpoint_JsonBody_IsAnOAuthErrorNotAServerError()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(
            """{"grant_type":"password","username":"x@example.com","password":"whatever password","client_id":"heyho-extension"}""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenEndpoint_FormWithNulCharacter_IsAnOAuthErrorNotAServerError()
    {
        // Found by the property-based hostile-input test: the form reader throws on %00, which was a 500.
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/login", new StringContent(
            "grant_type=password&client_id=heyho-extension&username=a%00b&password=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task TokenEndpoint_UnsupportedGrant_IsRefused()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = TestApi.ClientId,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshGrant_RotatesTheRefreshToken()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("frank@example.com");
        var first = await client.LoginAsync("frank@example.com");

        var second = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(first.RefreshToken));
        var third = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(second.RefreshToken));

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(second.RefreshToken, third.RefreshToken);
        Assert.Equal(new JsonWebToken(first.AccessToken).Subject, new JsonWebToken(third.AccessToken).Subject);
    }

    [Fact]
    public async Task RefreshGrant_ReuseWithinLeeway_IsAccepted()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("gina@example.com");
        var first = await client.LoginAsync("gina@example.com");
        await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(first.RefreshToken));
        _factory.Clock.Advance(TimeSpan.FromSeconds(10));

        var retry = await client.RefreshGrantAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task RefreshGrant_ReplayAfterLeeway_IsRefusedAndRevokesTheFamily()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("hank@example.com");
        var first = await client.LoginAsync("hank@example.com");
        var second = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(first.RefreshToken));
        _factory.Clock.Advance(TimeSpan.FromSeconds(31));

        var replay = await client.RefreshGrantAsync(first.RefreshToken);
        var successor = await client.RefreshGrantAsync(second.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", (await replay.ReadJsonAsync())["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, successor.StatusCode);
        Assert.Equal("invalid_grant", (await successor.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshGrant_ZeroLeewayConfigured_ReplayIsRefusedAtOnce()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Auth:RefreshTokenReuseLeeway"] = "00:00:00" });
        var client = factory.CreateClient();
        await client.RegisterAsync("ivy@example.com");
        var first = await client.LoginAsync("ivy@example.com");
        var second = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(first.RefreshToken));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshGrantAsync(first.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshGrantAsync(second.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task RefreshGrant_LockedOutUser_IsInvalidGrant()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("jack@example.com");
        var tokens = await client.LoginAsync("jack@example.com");
        for (var i = 0; i < 5; i++)
        {
            await client.PasswordGrantAsync("jack@example.com", $"wrong password {i:D4}");
        }

        var response = await client.RefreshGrantAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshGrant_ChangedSecurityStamp_IsInvalidGrant()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("kim@example.com");
        var tokens = await client.LoginAsync("kim@example.com");
        using (var db = _factory.OpenDatabase())
        {
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE \"AspNetUsers\" SET \"SecurityStamp\" = 'rotated-elsewhere'";
            command.ExecuteNonQuery();
        }

        var response = await client.RefreshGrantAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_RefreshToken_CannotBeUsedAgain()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("liam@example.com");
        var tokens = await client.LoginAsync("liam@example.com");

        var revoke = await client.PostAsync("/api/v1/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = tokens.RefreshToken, ["token_type_hint"] = "refresh_token", ["client_id"] = TestApi.ClientId,
        }));
        var refresh = await client.RefreshGrantAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("invalid_grant", (await refresh.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_UnknownClient_IsInvalidClient()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = "anything", ["client_id"] = "someone-else",
        }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // RFC 6749 §5.2: invalid_client may answer 401
        Assert.Equal("invalid_client", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AccessToken_Tampered_Is401()
    {
        var (client, tokens, _) = await _factory.SignedInUserAsync();
        var parts = tokens.AccessToken.Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        payload["sub"] = "someone-else";
        var forged = $"{parts[0]}.{Base64UrlEncode(payload.ToJsonString())}.{parts[2]}";
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        var response = await client.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessToken_Expired_Is401()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/account")).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await client.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AccessToken_Missing_Is401WithBearerChallengeNotARedirect()
    {
        var response = await _factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task PasswordGrant_OldHashWithFewerIterations_IsUpgradedOnLogin()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("olga@example.com");
        var weak = new Microsoft.AspNetCore.Identity.PasswordHasher<object>(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Identity.PasswordHasherOptions { IterationCount = 10_000 }))
            .HashPassword(new object(), TestApi.Password);
        _factory.Database.Execute("UPDATE \"AspNetUsers\" SET \"PasswordHash\" = @hash", ("@hash", weak));

        await client.LoginAsync("olga@example.com");

        using var check = _factory.OpenDatabase();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT \"PasswordHash\" FROM \"AspNetUsers\"";
        Assert.Equal(210_000, IterationCount((string)read.ExecuteScalar()!));
        Assert.Equal(10_000, IterationCount(weak));
    }

    /// <summary>Identity's v3 hash format: 0x01, PRF (uint32), iteration count (uint32, big-endian), ...</summary>
    internal static int IterationCount(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }

    private static string Base64UrlDecode(string s) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=')));

    private static string Base64UrlEncode(string s) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
