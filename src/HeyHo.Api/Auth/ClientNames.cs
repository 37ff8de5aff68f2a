using Microsoft.Extensions.Options;

namespace HeyHo.Api.Auth;

/// <summary>The names a user reads for the OAuth clients (sessions list, security log).</summary>
public sealed class ClientNames(IOptions<AuthOptions> options)
{
    public const string WebClientId = "heyho-web";

    /// <summary>HeyHo's own clients by their fixed names; a configured public client by its display name (as seeded).</summary>
    public string Of(string clientId) => clientId switch
    {
        ExtensionClient.ClientId => "HeyHo extension",
        HeyHoClientSeeder.ClientId => "Standard OAuth client",
        WebClientId => "Web",
        _ => options.Value.PublicClients.FirstOrDefault(c => c.ClientId == clientId) is { } client
            ? client.DisplayName ?? client.ClientId
            : "Other client",
    };
}
