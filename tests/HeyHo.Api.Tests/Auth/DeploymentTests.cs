using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Auth;

/// <summary>Start-up behaviour: client seeding, durability pragmas, and HTTPS outside Development.</summary>
public sealed class DeploymentTests
{
    [Fact]
    public async Task ClientSeeding_TwoStarts_OneClientWithExactlyItsPermissions()
    {
        var database = HeyHoApiFactory.NewDatabasePath();
        using (var first = new HeyHoApiFactory(databasePath: database) { KeepDatabase = true })
        {
            first.CreateClient();
        }
        using var second = new HeyHoApiFactory(databasePath: database);
        second.CreateClient();

        using var db = second.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT ClientId, ClientType, ClientSecret, Permissions FROM OpenIddictApplications";
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
    public async Task AppConnections_RunInWalWithSynchronousFullAndABusyTimeout()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Database:BusyTimeoutMs"] = "4321" });
        factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();

        Assert.Equal("wal", await Pragma(connection, "journal_mode"));
        Assert.Equal("2", await Pragma(connection, "synchronous")); // 2 = FULL
        Assert.Equal("4321", await Pragma(connection, "busy_timeout"));
        Assert.Equal("1", await Pragma(connection, "foreign_keys"));
    }

    private static async Task<string> Pragma(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
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

    /// <summary>A signing and an encryption PFX, password-protected, as an operator would make them.</summary>
    private sealed class ProductionCertificates : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("heyho-prod-certs-").FullName;

        public ProductionCertificates()
        {
            Settings = new Dictionary<string, string?>
            {
                ["Certificates:Signing:Path"] = Create("signing.pfx", X509KeyUsageFlags.DigitalSignature),
                ["Certificates:Signing:Password"] = "signing-secret",
                ["Certificates:Encryption:Path"] = Create("encryption.pfx", X509KeyUsageFlags.KeyEncipherment),
                ["Certificates:Encryption:Password"] = "encryption-secret",
            };
        }

        public Dictionary<string, string?> Settings { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private string Create(string name, X509KeyUsageFlags usage)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest($"CN=HeyHo Test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var path = Path.Combine(_directory, name);
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, name.StartsWith("signing", StringComparison.Ordinal) ? "signing-secret" : "encryption-secret"));
            return path;
        }
    }
}
