using System.Net;
using System.Net.Http.Json;
using System.Text;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Auth;

public sealed class RegisterTests : IDisposable
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
}
