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
            ("heyho-web", []), // the browsers' sessions: no endpoint at all
        })
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(clientId, reader.GetString(0));
            Assert.Equal("public", reader.GetString(1));
            Assert.True(reader.IsDBNull(2));
            Assert.Equal(permissions, (reader.IsDBNull(3) ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(reader.GetString(3))!).Order(StringComparer.Ordinal));
        }
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public void PublicClients_SeededWithTheCodeFlowAndPkceOnly_AndDeletedWhenNoLongerConfigured()
    {
        using var database = DatabaseUnderTest.Create();
        using (var configured = new HeyHoApiFactory(PublicClients.Settings(), database: database))
        {
            configured.CreateClient();
            Assert.Equal(
                ["ept:authorization", "ept:revocation", "ept:token", "gt:authorization_code", "gt:refresh_token", "rst:code", "scp:offline_access"],
                System.Text.Json.JsonSerializer.Deserialize<string[]>(Scalar(configured, "Permissions", PublicClients.Cli))!.Order(StringComparer.Ordinal));
            Assert.Equal("[\"ft:pkce\"]", Scalar(configured, "Requirements", PublicClients.Cli));
            Assert.Equal("implicit", Scalar(configured, "ConsentType", PublicClients.Cli));
            Assert.Equal("[\"http://127.0.0.1/callback\",\"http://[::1]/callback\"]", Scalar(configured, "RedirectUris", PublicClients.Cli));
        }

        var fewer = PublicClients.Settings().Where(s => !s.Key.StartsWith("Auth:PublicClients:1:", StringComparison.Ordinal)).ToDictionary();
        using var restarted = new HeyHoApiFactory(fewer, database: database);
        restarted.CreateClient();

        Assert.Equal(1, restarted.Count($"SELECT COUNT(*) FROM \"OpenIddictApplications\" WHERE \"ClientId\" = '{PublicClients.Cli}'"));
        Assert.Equal(0, restarted.Count($"SELECT COUNT(*) FROM \"OpenIddictApplications\" WHERE \"ClientId\" = '{PublicClients.Extension}'"));
    }

    [Theory]
    [InlineData("Auth:PublicClients:0:RedirectUris:0", "http://localhost/callback", "RFC 8252")]
    [InlineData("Auth:PublicClients:0:RedirectUris:0", "http://example.com:8080/callback", "must be https, or http on the loopback address")]
    [InlineData("Auth:PublicClients:0:RedirectUris:0", "https://x.chromiumapp.org/#frag", "without a fragment")]
    [InlineData("Auth:PublicClients:1:FirstParty", "false", "DisplayName is needed for a third-party client")]
    [InlineData("Auth:PublicClients:0:ClientId", "heyho-extension", "HeyHo's own")]
    public void PublicClients_InvalidSetting_StopsStartUpSayingWhy(string key, string value, string reason)
    {
        var settings = PublicClients.Settings();
        settings[key] = value;
        using var factory = new HeyHoApiFactory(settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Auth:PublicClients", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, error.ToString(), StringComparison.Ordinal);
    }

    private static string Scalar(HeyHoApiFactory factory, string column, string clientId)
    {
        using var db = factory.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM \"OpenIddictApplications\" WHERE \"ClientId\" = '{clientId}'";
        return (string)command.ExecuteScalar()!;
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
