using System.Net.Http.Json;
using System.Net;
using System.Text;

using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class ChangePasswordTests : IDisposable
{
    private static readonly string[] Volatile = ["id", "createdAt", "traceId"];
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

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

    // Another writer (a login on another node, another request) changes the user's row between this request's read
    // and its save, so Identity refuses the save: a success must still mean the change is stored, a refusal must say so.
    [Fact]
    public async Task PasswordChange_RowChangedElsewhere_Is409AndTheOldPasswordAndTokensStillWork()
    {
        var (factory, budget) = InterferingUserManager.Create(saves: 1);
        using var _ = factory;
        var (client, tokens, _) = await factory.SignedInUserAsync("rory@example.com");
        budget.Armed = true;

        var response = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = TestApi.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PasswordGrantAsync("rory@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.RefreshGrantAsync(tokens.RefreshToken)).StatusCode);
    }
}
