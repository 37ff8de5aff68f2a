using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using HeyHo.Testing;

namespace HeyHo.Api.Tests.Data;

/// <summary>
/// Two API processes on different loopback ports over one PostgreSQL database, as production runs them behind a
/// TLS-terminating load balancer: Production environment, forwarded headers, the same signing and encryption
/// certificates (PFX files), started at the same moment (both migrate and seed the client). Whatever one node
/// issues or stores, the other honours.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("heyho-nodes-");
    private DatabaseUnderTest _database = null!;
    private ProductionCertificates _certificates = null!;
    private ApiProcess _nodeA = null!;
    private ApiProcess _nodeB = null!;
    private HttpClient _a = null!;
    private HttpClient _b = null!;

    public async Task InitializeAsync()
    {
        if (Postgres.Server is null)
        {
            return; // the test itself reports the skip
        }
        _database = DatabaseUnderTest.Create(DatabaseProvider.Postgres);
        _certificates = new ProductionCertificates();
        var environment = new Dictionary<string, string>(_database.Environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Auth__RefreshTokenReuseLeeway"] = "00:00:00", // a reuse is a replay at once: nothing to wait for
            ["Auth__Issuer"] = "https://api.heyho.test/", // one issuer for all nodes, whatever host a request named
            // Required outside Development; nothing listens there, so sign-up mail waits in the outbox.
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = "1",
            ["Mail__From"] = "heyho@example.com",
        };
        foreach (var (key, value) in _certificates.Settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }
        _nodeA = ApiProcess.Start(Directory.CreateDirectory(Path.Combine(_work.FullName, "a")).FullName, environment);
        _nodeB = ApiProcess.Start(Directory.CreateDirectory(Path.Combine(_work.FullName, "b")).FullName, environment);
        _a = Client(_nodeA);
        _b = Client(_nodeB);
        await Task.WhenAll(_nodeA.WaitUntilReadyAsync(_a), _nodeB.WaitUntilReadyAsync(_b));
    }

    public Task DisposeAsync()
    {
        _a?.Dispose();
        _b?.Dispose();
        _nodeA?.Dispose();
        _nodeB?.Dispose();
        _database?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _certificates?.Dispose();
        _work.Delete(recursive: true);
    }

    /// <summary>As the load balancer would forward it: TLS ended there, X-Forwarded-Proto says so.</summary>
    private static HttpClient Client(ApiProcess node)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    private static HttpRequestMessage Bearer(HttpMethod method, string url, string token, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    [PostgresFact]
    public async Task TokensAndDataIssuedOnOneNode_AreHonouredOnTheOther_AndAReplayIsCaughtAcrossNodes()
    {
        var profile = await _a.RegisterAsync("both@example.com");
        var userId = profile["id"]!.GetValue<string>();
        var fromB = await _b.LoginAsync("both@example.com");

        var syncOnA = await _a.SendAsync(Bearer(HttpMethod.Post, "/api/v1/data/sync", fromB.AccessToken, SyncData.Visits(10)));
        Assert.Equal(HttpStatusCode.OK, syncOnA.StatusCode);
        var listOnB = await _b.SendAsync(Bearer(HttpMethod.Get, "/api/v1/data/page-visits", fromB.AccessToken));
        Assert.Equal(10, (await listOnB.ReadJsonAsync())["items"]!.AsArray().Count);

        var refreshedOnA = await TestApi.ReadTokensAsync(await _a.RefreshGrantAsync(fromB.RefreshToken));
        var profileOnB = await _b.SendAsync(Bearer(HttpMethod.Get, "/api/v1/account", refreshedOnA.AccessToken));
        Assert.Equal(HttpStatusCode.OK, profileOnB.StatusCode);
        Assert.Equal(userId, (await profileOnB.ReadJsonAsync())["id"]!.GetValue<string>());

        // B's refresh token was redeemed on A; with no reuse leeway, presenting it to B is a replay: refused, and the
        // whole family – including the token A issued – is revoked.
        var replayOnB = await _b.RefreshGrantAsync(fromB.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, replayOnB.StatusCode);
        Assert.Equal("invalid_grant", (await replayOnB.ReadJsonAsync())["error"]!.GetValue<string>());
        var familyOnA = await _a.RefreshGrantAsync(refreshedOnA.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, familyOnA.StatusCode);
        Assert.Equal("invalid_grant", (await familyOnA.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task OneThousandRecordBatch_SentConcurrentlyToBothNodes_StoresExactlyOneThousandRows()
    {
        var profile = await _a.RegisterAsync("twice@example.com");
        var userId = profile["id"]!.GetValue<string>();
        var tokens = await _b.LoginAsync("twice@example.com");
        var body = SyncData.Visits(1000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? _a : _b).SendAsync(Bearer(HttpMethod.Post, "/api/v1/data/sync", tokens.AccessToken, body))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var receipts = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));
        Assert.Equal(1000, receipts.Sum(r => r["pageVisits"]!["inserted"]!.GetValue<int>()));
        Assert.Equal(10 * 1000, receipts.Sum(r => r["pageVisits"]!["received"]!.GetValue<int>()));
        Assert.Equal(1000, _database.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'"));
        Assert.Equal(10, _database.Count($"SELECT COUNT(*) FROM \"SyncReceipts\" WHERE \"UserId\" = '{userId}'"));
    }

    [PostgresFact]
    public async Task AccountDeletedOnOneNode_ItsTokensOpenNothingOnTheOther()
    {
        await _a.RegisterAsync("gone@example.com");
        var tokens = await _a.LoginAsync("gone@example.com");

        var delete = await _b.SendAsync(Bearer(HttpMethod.Delete, "/api/v1/account", tokens.AccessToken, new JsonObject { ["password"] = TestApi.Password }));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var sync = await _a.SendAsync(Bearer(HttpMethod.Post, "/api/v1/data/sync", tokens.AccessToken, SyncData.Visits(1)));
        Assert.Equal(HttpStatusCode.Unauthorized, sync.StatusCode);
        var refresh = await _a.RefreshGrantAsync(tokens.RefreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
    }
}
