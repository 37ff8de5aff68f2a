using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace HeyHo.Api.Auth;

/// <summary>
/// The consent page's "allow", carried to the authorization endpoint: sealed with the deployment's data-protection keys,
/// naming the user, the client and the request (its redirect URI, scope and PKCE challenge: replayed with another
/// request it is no answer), valid for <see cref="Lifetime"/>. The page cannot post to the endpoint itself:
/// browsers apply its CSP form-action to the redirect that follows, which goes to the client.
/// </summary>
public sealed class ConsentTickets(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("HeyHo.Auth.Consent");

    public string Issue(string userId, string clientId, string request) => _protector.Protect(string.Join('\n',
        userId, clientId, request, (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

    /// <summary>The parts of an authorization request a ticket is bound to, as one string.</summary>
    public static string Request(string? redirectUri, string? scope, string? codeChallenge) =>
        Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', redirectUri, scope, codeChallenge))));

    /// <summary>Whether <paramref name="ticket"/> is one of ours, for this user, client and request, and not yet expired.</summary>
    public bool Allows(string? ticket, string userId, string clientId, string request)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return false;
        }
        string[] parts;
        try
        {
            parts = _protector.Unprotect(ticket).Split('\n');
        }
        catch (CryptographicException)
        {
            return false;
        }
        return parts.Length == 4 && parts[0] == userId && parts[1] == clientId && parts[2] == request
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && clock.GetUtcNow().ToUnixTimeSeconds() < expires;
    }
}
