using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Auth;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// The public base URL tokens name as their issuer (e.g. https://api.heyho.example/). Unset, each request's own
    /// scheme and host is used – fine for one node; several nodes must agree, so set it there.
    /// </summary>
    [AbsoluteHttpUrl]
    public Uri? Issuer { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Absolute lifetime of the extension's (JSON login's) refresh tokens, which are not rotated: they work until then,
    /// until logout or until a password change.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan ExtensionRefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a browser stays signed in to the web pages (absolute: the cookie is not renewed while it is used).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "90.00:00:00")]
    public TimeSpan WebSessionLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a redeemed refresh token may still be used (network retries) before a reuse counts as a replay.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 100)]
    public int MaxFailedAccessAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP: at least 210,000).</summary>
    [Range(210_000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>Password hashes computed at once; 0 means half the processor count (at least 1).</summary>
    [Range(0, 256)]
    public int MaxConcurrentPasswordHashes { get; set; }

    /// <summary>How long a password check waits for a free hashing slot before answering 429.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PasswordHashQueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TokenPruningOptions Pruning { get; set; } = new();

    /// <summary>The clients of the authorization endpoint (code flow with PKCE), seeded at start-up.</summary>
    [PublicClients]
    public List<PublicClientOptions> PublicClients { get; set; } = [];
}
