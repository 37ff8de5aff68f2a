namespace HeyHo.Api.Auth;

/// <summary>The names a user reads for the OAuth clients (sessions list, security log).</summary>
public static class ClientNames
{
    public const string WebClientId = "heyho-web";

    /// <summary>HeyHo's own clients by their fixed names; a configured public client by its display name when known.</summary>
    public static string Of(string clientId, string? displayName = null) => clientId switch
    {
        ExtensionClient.ClientId => "HeyHo extension",
        HeyHoClientSeeder.ClientId => "Standard OAuth client",
        WebClientId => "Web",
        _ => displayName ?? "Other client",
    };
}
