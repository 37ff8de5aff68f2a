using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Auth;

public sealed class StartupTests
{
    [Fact]
    public void Production_WithoutSigningCertificate_StopsNamingTheSetting()
    {
        using var factory = new HeyHoApiFactory(environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Certificates:Signing:Path", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_UnreadableCertificate_StopsNamingTheSetting()
    {
        var bogus = Path.GetTempFileName();
        File.WriteAllText(bogus, "not a pfx");
        using var factory = new HeyHoApiFactory(
            new Dictionary<string, string?> { ["Certificates:Signing:Path"] = bogus, ["Certificates:Encryption:Path"] = bogus },
            environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Certificates:Signing:Path could not be read", error.ToString(), StringComparison.Ordinal);
        File.Delete(bogus);
    }

    [Fact]
    public async Task Development_CertificatesAreGeneratedOnceAndReused()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"heyho-certs-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?> { ["Certificates:DevelopmentDirectory"] = directory };
        string token;
        using (var first = new HeyHoApiFactory(settings))
        {
            var (client, tokens, _) = await first.SignedInUserAsync();
            token = tokens.AccessToken;
        }
        var signing = File.ReadAllBytes(Path.Combine(directory, "dev-signing.pfx"));

        using var second = new HeyHoApiFactory(settings);
        var jwks = await second.CreateClient().GetStringAsync("/.well-known/jwks");

        Assert.Equal(signing, File.ReadAllBytes(Path.Combine(directory, "dev-signing.pfx")));
        var kid = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Kid;
        Assert.Contains(kid, jwks, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}
