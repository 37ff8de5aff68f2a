using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace HeyHo.Api.Auth;

/// <summary>
/// The consent page's "allow", carried to the authorization endpoint: sealed with the deployment's data-protection keys,
/// naming the user and the client, valid for <see cref="Lifetime"/>. The page cannot post to the endpoint itself:
/// browsers apply its CSP form-action to the redirect that follows, which goes to the client.
/// </summary>
public sealed class ConsentTickets(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("HeyHo.Auth.Consent");

    public string Issue(string userId, string clientId) =>
        _protector.Protect(string.Join('\n', userId, clientId, (clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));

    /// <summary>Whether <paramref name="ticket"/> is one of ours, for this user and client, and not yet expired.</summary>
    public bool Allows(string? ticket, string userId, string clientId)
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
        return parts.Length == 3 && parts[0] == userId && parts[1] == clientId
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && clock.GetUtcNow().ToUnixTimeSeconds() < expires;
    }
}
