using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features;

/// <summary>
/// NUL (U+0000) is text PostgreSQL refuses. Every path where client text reaches the database answers it the same
/// way on both engines – a 400 problem, an OAuth invalid_request – and never a 500. (Inside a synced record a NUL is
/// repaired instead: SyncBatchTests. A NUL in a URL path is refused by the server itself.)
/// </summary>
public sealed class StorableTextTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Sync_NulInTheBatchClientId_Is400AndStoresNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var batch = SyncData.Visits(2);
        batch["anonymousClientId"] = "anon\0";

        var response = await client.SyncAsync(batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Theory]
    [InlineData("/api/v1/data/page-visits?domain=a%00b", "domain")]
    [InlineData("/api/v1/data/tab-aggregates?clientId=a%00b", "clientId")]
    [InlineData("/api/v1/data/page-visits?cursor=MTIzCmEAYg", "cursor")] // base64url of "123\na\0b"
    public async Task ReadBack_NulInAFilterOrCursor_Is400(string url, string field)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync())["errors"]![field] is not null);
    }

    [Fact]
    public async Task Account_NulInEmailOrDisplayName_Is400AndChangesNothing()
    {
        var anonymous = _factory.CreateClient();
        var register = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email = "nul\0@example.com", password = TestApi.Password });
        var (client, _, _) = await _factory.SignedInUserAsync("nia@example.com");
        var patch = await client.SendAsync(TestApi.Json(HttpMethod.Patch, "/api/v1/account", new { displayName = "Nia\0" }));

        Assert.Equal(HttpStatusCode.BadRequest, register.StatusCode);
        Assert.True((await register.ReadJsonAsync())["errors"]!["email"] is not null);
        Assert.Equal(HttpStatusCode.BadRequest, patch.StatusCode);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" IS NOT NULL"));
    }

    [Fact]
    public async Task PasswordGrant_NulInTheUsername_IsInvalidRequestBeforeAnyLookup()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("omar@example.com");

        var response = await client.PasswordGrantAsync("omar@example.com\0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The form reader refuses an encoded NUL in any field, so no OAuth parameter (username, client_id, scope,
        // token) ever carries one to a lookup.
        Assert.Equal("invalid_request", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }
}
