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
    : ScheduledWork(clock, logger)
{
    private readonly TokenPruningOptions _options = options.Value.Pruning;

    protected override string Name => "Token pruning";

    protected override TimeSpan Interval => _options.Interval;

    protected override bool Enabled => _options.Enabled;

    public async Task<long> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var threshold = Clock.GetUtcNow() - _options.MinimumAge;
        await scope.ServiceProvider.GetRequiredService<Sessions>()
            .EndExpiredWebSessionsAsync(Clock.GetUtcNow() - options.Value.WebSessionLifetime, cancellationToken);
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        metrics.TokensPruned(tokens + authorizations);
        Logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations older than {Threshold:O}", tokens, authorizations, threshold);
        return tokens + authorizations;
    }

    protected override Task RunAsync(CancellationToken cancellationToken) => PruneOnceAsync(cancellationToken);
}
