using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HeyHo.Api.Tests.Harness;

/// <summary>A signing and an encryption PFX, password-protected, as an operator would make them.</summary>
public sealed class ProductionCertificates : IDisposable
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
