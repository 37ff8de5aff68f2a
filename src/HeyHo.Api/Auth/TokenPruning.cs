using HeyHo.Api.Infrastructure;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace HeyHo.Api.Auth;

/// <summary>
/// Every refresh adds a token row (rotation), so the token tables grow with use. On a schedule this deletes
/// redeemed, revoked and expired tokens and orphaned authorizations older than the configured age, after ending
/// the browser sessions whose cookies have expired.
/// </summary>
public sealed class TokenPruning(
    IServiceScopeFactory scopes, IOptions<AuthOptions> options, TimeProvider clock, HeyHoMetrics metrics, ILogger<TokenPruning> logger)
    : BackgroundService
{
    private readonly TokenPruningOptions _options = options.Value.Pruning;

    public async Task<long> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var threshold = clock.GetUtcNow() - _options.MinimumAge;
        await scope.ServiceProvider.GetRequiredService<Sessions>()
            .EndExpiredWebSessionsAsync(clock.GetUtcNow() - options.Value.WebSessionLifetime, cancellationToken);
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        metrics.TokensPruned(tokens + authorizations);
        logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations older than {Threshold:O}", tokens, authorizations, threshold);
        return tokens + authorizations;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Token pruning failed ({Error}); retrying at the next interval", e.GetType().Name);
            }
        }
    }
}
