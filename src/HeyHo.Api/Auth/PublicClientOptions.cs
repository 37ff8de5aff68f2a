using System.ComponentModel.DataAnnotations;
using System.Net;

namespace HeyHo.Api.Auth;

/// <summary>
/// A public client of the authorization endpoint (code flow with PKCE S256): an extension build using
/// <c>chrome.identity.launchWebAuthFlow</c>, a command-line tool, an app. Configured as <c>Auth:PublicClients:n</c>.
/// </summary>
public sealed class PublicClientOptions
{
    public string ClientId { get; set; } = string.Empty;

    public string? DisplayName { get; set; }

    /// <summary>
    /// Matched exactly, except that a loopback URI without a port (<c>http://127.0.0.1/callback</c>,
    /// <c>http://[::1]/callback</c>) accepts any port (RFC 8252 §7.3).
    /// </summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>
    /// HeyHo's own clients: no consent page. Any other client (the default) is named on a consent page that the user
    /// answers before its first code, and again whenever none of its sessions is live.
    /// </summary>
    public bool FirstParty { get; set; }

    /// <summary>Why <paramref name="uri"/> cannot be a redirect URI, or null when it can.</summary>
    public static string? RedirectUriProblem(string uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return $"'{uri}' is not an absolute URI without a fragment or user name.";
        }
        if (parsed.Scheme == Uri.UriSchemeHttps)
        {
            return null;
        }
        if (parsed.Scheme == Uri.UriSchemeHttp && IsLoopbackLiteral(parsed))
        {
            return null;
        }
        return parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback
            ? $"'{uri}': use http://127.0.0.1 or http://[::1] rather than a loopback host name (RFC 8252 §8.3)."
            : $"'{uri}' must be https, or http on the loopback address 127.0.0.1 or [::1].";
    }

    /// <summary>http://127.0.0.1 or http://[::1] – written as the address, not as a name that resolves to it.</summary>
    public static bool IsLoopbackLiteral(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address)
        && (address.Equals(IPAddress.Loopback) || address.Equals(IPAddress.IPv6Loopback));
}

/// <summary>Validates every configured public client (the options validation does not walk into lists).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PublicClientsAttribute : ValidationAttribute
{
    private static readonly string[] Reserved = [HeyHoClientSeeder.ClientId, ExtensionClient.ClientId, ClientNames.WebClientId];

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var problems = new List<string>();
        var clients = value as IEnumerable<PublicClientOptions> ?? [];
        foreach (var (client, index) in clients.Select((c, i) => (c, i)))
        {
            var name = $"PublicClients:{index}";
            if (string.IsNullOrWhiteSpace(client.ClientId) || client.ClientId.Length > 100)
            {
                problems.Add($"{name}:ClientId must be 1 to 100 characters.");
            }
            else if (Reserved.Contains(client.ClientId, StringComparer.Ordinal))
            {
                problems.Add($"{name}:ClientId '{client.ClientId}' is HeyHo's own; choose another.");
            }
            if (client.RedirectUris.Count == 0)
            {
                problems.Add($"{name}:RedirectUris needs at least one URI.");
            }
            problems.AddRange(client.RedirectUris.Select(PublicClientOptions.RedirectUriProblem).OfType<string>().Select(p => $"{name}:RedirectUris: {p}"));
            if (!client.FirstParty && string.IsNullOrWhiteSpace(client.DisplayName))
            {
                problems.Add($"{name}:DisplayName is needed for a third-party client: the consent page names it.");
            }
        }
        if (clients.GroupBy(c => c.ClientId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"PublicClients: the ClientId '{twice.Key}' is configured twice.");
        }
        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), [validationContext.MemberName!]);
    }
}
