using System.Net;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using HeyHo.Testing;
using Npgsql;

namespace HeyHo.Api.Tests.Data;

/// <summary>
/// The database server stops taking connections while the API runs (a failover, a restart): every endpoint that
/// needs it answers 503 + Retry-After with problem details – not a 500 – and all is well once it is back.
/// </summary>
public sealed class StorageOutageTests
{
    [PostgresFact]
    public async Task DatabaseRefusingConnections_Answers503WithRetryAfterEverywhere_ThenRecovers()
    {
        using var database = DatabaseUnderTest.Create(DatabaseProvider.Postgres);
        using var factory = new HeyHoApiFactory(database: database);
        var (client, _, _) = await factory.SignedInUserAsync("outage@example.com");
        Assert.Equal(HttpStatusCode.OK, (await client.SyncAsync(SyncData.Visits(3))).StatusCode);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;

        Admin($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        // The API's connections only: an autovacuum worker on the new database is the server's own (a superuser's) and
        // may not be ended by this role.
        Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND usename = current_user");
        var during = new[]
        {
            await client.GetAsync("/api/v1/data/page-visits"),
            await client.SyncAsync(SyncData.Visits(2, first: 10)),
            await client.GetAsync("/api/v1/account"),
            await factory.CreateClient().PasswordGrantAsync("outage@example.com"),
        };
        Admin($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");

        Assert.All(during, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            // The token endpoint answers JSON with a message (the extension's reading); the rest problem+json.
            Assert.Equal(response.RequestMessage!.RequestUri!.AbsolutePath == "/api/v1/auth/login" ? "application/json" : "application/problem+json",
                response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        });
        var afterwards = await client.GetAsync("/api/v1/data/page-visits");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(3, (await afterwards.ReadJsonAsync())["items"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.OK, (await client.SyncAsync(SyncData.Visits(2, first: 10))).StatusCode);
    }

    private static void Admin(string sql) => Postgres.Execute(Postgres.RequireServer(), sql);
}
