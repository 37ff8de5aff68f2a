using HeyHo.Testing;
using System.Net;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Auth;

/// <summary>Start-up behaviour: client seeding, durability pragmas, and HTTPS outside Development.</summary>
public sealed class DeploymentTests
{
    [Fact]
    public async Task ClientSeeding_TwoStarts_OneClientWithExactlyItsPermissions()
    {
        using var database = DatabaseUnderTest.Create();
        using (var first = new HeyHoApiFactory(database: database))
        {
            first.CreateClient();
        }
        // The second start loses the race a node starting beside another can lose: its look-up misses the client the
        // other just inserted, its create is refused as a duplicate, and it must read again and update instead.
        using var second = new HeyHoApiFactory(database: database, services: RivalClientSeeding.AddTo);
        second.CreateClient();

        using var db = second.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT \"ClientId\", \"ClientType\", \"ClientSecret\", \"Permissions\" FROM \"OpenIddictApplications\"";
        using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("heyho-extension", reader.GetString(0));
        Assert.Equal("public", reader.GetString(1));
        Assert.True(reader.IsDBNull(2));
        Assert.Equal(
            ["ept:revocation", "ept:token", "gt:password", "gt:refresh_token", "scp:offline_access"],
            System.Text.Json.JsonSerializer.Deserialize<string[]>(reader.GetString(3))!.Order(StringComparer.Ordinal));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task AppConnections_CarryTheDurabilityAndLockWaitSettings()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Database:BusyTimeoutMs"] = "4321", ["Database:WriteQueueTimeoutMs"] = "8765" });
        factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        // Opened the way the app opens every connection: through EF Core (a raw DbConnection.Open would bypass
        // the interceptor and only show a pooled connection's leftovers).
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        SqliteConnection.ClearAllPools(); // a fresh physical connection, so nothing is inherited from earlier opens
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        if (factory.Database.Provider == DatabaseProvider.Postgres)
        {
            Assert.Equal("8765ms", await Scalar(connection, "SHOW lock_timeout")); // the write queue's counterpart
            Assert.Equal("on", await Scalar(connection, "SHOW synchronous_commit")); // a commit is on disk before the 200
            return;
        }
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal("2", await Scalar(connection, "PRAGMA synchronous")); // 2 = FULL
        Assert.Equal("4321", await Scalar(connection, "PRAGMA busy_timeout"));
        Assert.Equal("1", await Scalar(connection, "PRAGMA foreign_keys"));
    }

    private static async Task<string> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task Production_PlainHttpTokenRequest_IsRefused()
    {
        using var certificates = new ProductionCertificates();
        using var factory = new HeyHoApiFactory(certificates.Settings, environment: "Production");

        var response = await factory.CreateClient().PasswordGrantAsync("someone@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Production_BehindATlsProxyWithForwardedHeaders_IsServed()
    {
        using var certificates = new ProductionCertificates();
        var settings = new Dictionary<string, string?>(certificates.Settings) { ["FORWARDEDHEADERS_ENABLED"] = "true" };
        using var factory = new HeyHoApiFactory(settings, environment: "Production");
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        await client.RegisterAsync("proxied@example.com");

        var tokens = await client.LoginAsync("proxied@example.com");

        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }
}
