using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HeyHo.Api.Auth;

/// <summary>
/// Signing and encryption certificates for the authorization server. Production reads PFX files named in
/// configuration; Development generates a self-signed pair once and reuses it, so tokens survive a restart.
/// </summary>
internal static class Certificates
{
    public sealed record Set(X509Certificate2 Signing, X509Certificate2 Encryption, X509Certificate2? PreviousSigning, X509Certificate2? PreviousEncryption);

    public static Set Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("Certificates");
        if (environment.IsDevelopment() && string.IsNullOrEmpty(section["Signing:Path"]))
        {
            var directory = Path.GetFullPath(section["DevelopmentDirectory"] ?? "certs", environment.ContentRootPath);
            return new Set(
                LoadOrCreate(Path.Combine(directory, "dev-signing.pfx"), "CN=HeyHo Development Signing", X509KeyUsageFlags.DigitalSignature),
                LoadOrCreate(Path.Combine(directory, "dev-encryption.pfx"), "CN=HeyHo Development Encryption", X509KeyUsageFlags.KeyEncipherment),
                null, null);
        }

        return new Set(
            LoadRequired(section, "Signing", environment.ContentRootPath),
            LoadRequired(section, "Encryption", environment.ContentRootPath),
            LoadOptional(section, "PreviousSigning", environment.ContentRootPath),
            LoadOptional(section, "PreviousEncryption", environment.ContentRootPath));
    }

    private static X509Certificate2? LoadOptional(IConfigurationSection section, string name, string root) =>
        string.IsNullOrEmpty(section[$"{name}:Path"]) ? null : LoadRequired(section, name, root);

    private static X509Certificate2 LoadRequired(IConfigurationSection section, string name, string root)
    {
        var setting = $"Certificates:{name}:Path";
        var path = section[$"{name}:Path"];
        if (string.IsNullOrEmpty(path))
        {
            throw new InvalidOperationException($"{setting} is not set: the authorization server needs a PFX file outside Development.");
        }

        var fullPath = Path.GetFullPath(path, root);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"{setting} names a file that does not exist: {fullPath}");
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(fullPath, section[$"{name}:Password"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException($"{setting} could not be read: wrong Certificates:{name}:Password or not a PFX file.");
        }
    }

    private static X509Certificate2 LoadOrCreate(string path, string subject, X509KeyUsageFlags usage)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temp, created.Export(X509ContentType.Pfx));
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp); // another process created it first; use theirs
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password: null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
