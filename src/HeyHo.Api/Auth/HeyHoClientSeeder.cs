using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>The browser extension: a public client (no secret) allowed exactly the password and refresh flows.</summary>
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = Descriptor();
        if (await manager.FindByClientIdAsync(ClientId, cancellationToken) is { } existing)
        {
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await manager.CreateAsync(descriptor, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
