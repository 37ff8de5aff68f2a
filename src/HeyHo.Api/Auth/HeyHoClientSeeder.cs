using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// The standard OAuth client (public, no secret, form requests, rotated refresh tokens) and the extension's JSON client
/// (<see cref="ExtensionClient"/>), each allowed exactly its flows.
/// </summary>
internal sealed class HeyHoClientSeeder(IServiceScopeFactory scopes) : IHostedService
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

    private static async Task SeedAsync(IOpenIddictApplicationManager manager, CancellationToken cancellationToken)
    {
        foreach (var descriptor in new[] { Descriptor(), ExtensionClient.Descriptor() })
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
