using System.Net;
using HeyHo.Api.Tests.Harness;
using HeyHo.Testing;

namespace HeyHo.Api.Tests.Auth;

/// <summary>Start-up behaviour: client seeding, and HTTPS outside Development.</summary>
public sealed class DeploymentTests
{
    [Fact]
    public async Task ClientSeeding_TwoStarts_EachClientOnceWithExactlyItsPermissions()
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
        command.CommandText = "SELECT \"ClientId\", \"ClientType\", \"ClientSecret\", \"Permissions\" FROM \"OpenIddictApplications\" ORDER BY \"ClientId\"";
        using var reader = await command.ExecuteReaderAsync();
        foreach (var (clientId, permissions) in new[]
        {
            ("heyho-extension", new[] { "ept:revocation", "ept:token", "gt:password", "gt:refresh_token", "scp:offline_access" }),
            ("heyho-extension-json", ["ept:revocation", "ept:token", "gt:password", "gt:refresh_token", "gt:urn:heyho:params:oauth:grant-type:register", "scp:offline_access"]),
        })
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(clientId, reader.GetString(0));
            Assert.Equal("public", reader.GetString(1));
            Assert.True(reader.IsDBNull(2));
            Assert.Equal(permissions, System.Text.Json.JsonSerializer.Deserialize<string[]>(reader.GetString(3))!.Order(StringComparer.Ordinal));
        }
        Assert.False(await reader.ReadAsync());
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
