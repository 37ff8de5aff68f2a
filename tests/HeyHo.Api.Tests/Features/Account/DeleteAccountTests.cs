using System.Net;
using System.Net.Http.Json;
using System.Text;
using HeyHo.Api.Tests.Harness;
using HeyHo.Api.Tests.Features.Sync;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class DeleteAccountTests : IDisposable
{
    private static readonly string[] Volatile = ["id", "createdAt", "traceId"];
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

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

    [Fact]
    public async Task DeleteAccount_AfterSync_RemovesEveryRecordOfThatUserOnly()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var (other, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.SampleBatch);
        await other.SyncAsync(SyncData.SampleBatch);

        var deleted = await client.SendAsync(TestApi.Json(HttpMethod.Delete, "/api/v1/account", new { password = TestApi.Password }));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(3, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
        Assert.Equal(2, _factory.Count("SELECT COUNT(*) FROM \"TabAggregates\""));
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"SyncReceipts\""));
    }
}
