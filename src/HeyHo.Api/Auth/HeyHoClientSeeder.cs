using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// The standard OAuth client (public, no secret, form requests, rotated refresh tokens), the extension's JSON client
/// (<see cref="ExtensionClient"/>), the web pages' sessions (<see cref="ClientNames.WebClientId"/>, no endpoint at all)
/// and the configured public clients of the authorization endpoint, each allowed exactly its flows. A public client
/// removed from the configuration is deleted.
/// </summary>
internal sealed class HeyHoClientSeeder(IServiceScopeFactory scopes, IOptions<AuthOptions> options) : IHostedService
{
    public const string ClientId = "heyho-extension";

    public static OpenIddictApplicationDescriptor Descriptor() => new()
    {
        ClientId = ClientId,
        ClientType = ClientTypes.Public,
        DisplayName = "HeyHo browser extension",
        Permissions =
        {
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken,
            Permissions.Prefixes.Scope + Scopes.OfflineAccess,
        },
    };

    private const string ConfiguredProperty = "heyho:configured";

    /// <summary>The browser sessions of the web pages belong to this client; it may call no endpoint.</summary>
    public static OpenIddictApplicationDescriptor WebDescriptor() => new()
    {
        ClientId = ClientNames.WebClientId,
        ClientType = ClientTypes.Public,
        DisplayName = "HeyHo on the web",
    };

    /// <summary>Authorization code with PKCE (S256) and rotated refresh tokens; a consent page for third-party clients.</summary>
    public static OpenIddictApplicationDescriptor PublicDescriptor(PublicClientOptions client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientType = ClientTypes.Public,
            ConsentType = client.FirstParty ? ConsentTypes.Implicit : ConsentTypes.Explicit,
            DisplayName = client.DisplayName ?? client.ClientId,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            Properties = { [ConfiguredProperty] = System.Text.Json.JsonSerializer.SerializeToElement(true) },
        };
        descriptor.RedirectUris.UnionWith(client.RedirectUris.Select(u => new Uri(u)));
        return descriptor;
    }

    /// <summary>
    /// Creates or updates the client. Nodes starting together over one database may race here: the loser of a create
    /// (OpenIddict's duplicate check, or the unique index just after it) or of an update (concurrency token) reads
    /// again and tries once more.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            try
            {
                await SeedAsync(manager, cancellationToken);
                return;
            }
            catch (Exception e) when (attempt < 3 && e is Microsoft.EntityFrameworkCore.DbUpdateException
                or OpenIddictExceptions.ValidationException or OpenIddictExceptions.ConcurrencyException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }
    }

    private async Task SeedAsync(IOpenIddictApplicationManager manager, CancellationToken cancellationToken)
    {
        var configured = options.Value.PublicClients.Select(PublicDescriptor).ToList();
        var stored = new List<object>();
        await foreach (var application in manager.ListAsync(cancellationToken: cancellationToken))
        {
            stored.Add(application);
        }
        foreach (var application in stored)
        {
            var clientId = await manager.GetClientIdAsync(application, cancellationToken);
            if ((await manager.GetPropertiesAsync(application, cancellationToken)).ContainsKey(ConfiguredProperty)
                && !configured.Any(c => c.ClientId == clientId))
            {
                await manager.DeleteAsync(application, cancellationToken);
            }
        }
        foreach (var descriptor in new[] { Descriptor(), ExtensionClient.Descriptor(), WebDescriptor() }.Concat(configured))
        {
            if (await manager.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
            {
                await manager.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await manager.CreateAsync(descriptor, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
