namespace HeyHo.Api.Auth;

/// <summary>The names a user reads for the OAuth clients (sessions list, security log).</summary>
public static class ClientNames
{
    public const string WebClientId = "heyho-web";

    public static string Of(string clientId) => clientId switch
    {
        ExtensionClient.ClientId => "HeyHo extension",
        HeyHoClientSeeder.ClientId => "Standard OAuth client",
        WebClientId => "Web",
        _ => "Other client",
    };
}
