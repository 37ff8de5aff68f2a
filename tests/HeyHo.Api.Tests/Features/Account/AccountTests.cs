using System.Net;
using System.Net.Http.Json;
using System.Text;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class AccountTests : IDisposable
{
    private static readonly string[] Volatile = ["id", "createdAt", "traceId", "AccessToken", "RefreshToken", "ExpiresIn"];
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Register_ValidRequest_Returns201WithProfile()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { email = "new@example.com", password = "twelve chars", displayName = "New User" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/account", response.Headers.Location!.ToString());
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
    }

    [Fact]
    public async Task Register_InvalidFields_Returns400ProblemPerField()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { email = "not-an-email", password = "elevenchars", displayName = new string('x', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType); // register is the extension's: JSON with a message
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }

    [Theory]
    [InlineData(11, HttpStatusCode.BadRequest)]
    [InlineData(12, HttpStatusCode.Created)]
    [InlineData(128, HttpStatusCode.Created)]
    [InlineData(129, HttpStatusCode.BadRequest)]
    public async Task Register_PasswordLength_IsTwelveToOneHundredTwentyEight(int length, HttpStatusCode expected)
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { email = "len@example.com", password = string.Concat(Enumerable.Repeat("k9Xq2Lm7Vp4Rz8Tw3Ny6Hb5Jc1Gd0Fs", 5))[..length] });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Register_PasswordWithSpacesAndNoCompositionRules_IsCheckedExactlyAsTyped()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("exact@example.com", "  all lowercase  ");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync("exact@example.com", "all lowercase")).StatusCode);
        await client.LoginAsync("exact@example.com", "  all lowercase  ");
    }

    [Fact]
    public async Task Register_EmailTaken_Returns409Problem()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("taken@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "TAKEN@example.com", password = "another horse battery staple" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType); // register is the extension's: JSON with a message
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
    }

    [Fact]
    public async Task Register_LosingTheRaceForTheEmail_Is409AndOneAccountExists()
    {
        // Another registration of the same email (another node, the same moment) is inserted between Identity's
        // duplicate check and this one's insert, which then hits the unique index.
        using var factory = new HeyHoApiFactory(services: RivalRegistration.AddTo);

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = "twice@example.com", password = TestApi.Password });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType); // register is the extension's: JSON with a message
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }

    [Fact]
    public async Task Register_MalformedJson_Returns400WithASentenceTheExtensionReads()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/auth/register",
            new StringContent("{\"email\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("The request body must be a JSON object.", (await response.ReadJsonAsync())["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetProfile_SignedIn_ReturnsTheCallersProfile()
    {
        var (client, _, userId) = await _factory.SignedInUserAsync("me@example.com");

        var response = await client.GetAsync("/api/v1/account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains(userId, json, StringComparison.Ordinal);
        Snapshots.MatchJson(json, Volatile);
    }

    [Fact]
    public async Task UpdateProfile_DisplayName_IsStoredAndReturned()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "  Renamed  " });
        var profile = await (await client.GetAsync("/api/v1/account")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed", (await response.ReadJsonAsync())["displayName"]!.GetValue<string>());
        Assert.Equal("Renamed", profile["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateProfile_TooLong_Returns400AndChangesNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = new string('x', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" IS NOT NULL"));
    }

    [Fact]
    public async Task ChangePassword_Correct_Returns204AndEndsEveryEarlierRefreshToken()
    {
        var (client, tokens, _) = await _factory.SignedInUserAsync("pw@example.com");
        var otherDevice = await client.LoginAsync("pw@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/account/password",
            new { currentPassword = TestApi.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshGrantAsync(tokens.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshGrantAsync(otherDevice.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync("pw@example.com")).StatusCode);
        await client.LoginAsync("pw@example.com", "a brand new passphrase");
    }

    [Fact]
    public async Task ChangePassword_WrongCurrent_Returns400AndChangesNothing()
    {
        var (client, tokens, _) = await _factory.SignedInUserAsync("pw2@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/account/password",
            new { currentPassword = "not my password!", newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshGrantAsync(tokens.RefreshToken)).StatusCode);
        await client.LoginAsync("pw2@example.com");
    }

    [Fact]
    public async Task ChangePassword_NewTooShort_Returns400()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PostAsJsonAsync("/api/v1/account/password",
            new { currentPassword = TestApi.Password, newPassword = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("newPassword", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAccount_CorrectPassword_RemovesUserTokensAndAuthorizations()
    {
        var (client, tokens, _) = await _factory.SignedInUserAsync("gone@example.com");
        var (other, _, _) = await _factory.SignedInUserAsync("stays@example.com");

        var response = await client.SendAsync(TestApi.Json(HttpMethod.Delete, "/api/v1/account", new { password = TestApi.Password }));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
        Assert.Equal(1, _factory.Count("SELECT COUNT(DISTINCT \"Subject\") FROM \"OpenIddictTokens\""));
        Assert.Equal(1, _factory.Count("SELECT COUNT(DISTINCT \"Subject\") FROM \"OpenIddictAuthorizations\""));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/account")).StatusCode); // token still unexpired
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RefreshGrantAsync(tokens.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_WrongPassword_DeletesNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.SendAsync(TestApi.Json(HttpMethod.Delete, "/api/v1/account", new { password = "not my password!" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/account")).StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_DeletedUsersAccessToken_OpensNothing()
    {
        var (client, tokens, _) = await _factory.SignedInUserAsync();
        await client.SendAsync(TestApi.Json(HttpMethod.Delete, "/api/v1/account", new { password = TestApi.Password }));

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "ghost" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
