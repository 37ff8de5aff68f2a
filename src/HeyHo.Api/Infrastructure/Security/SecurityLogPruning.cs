using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Infrastructure.Security;

/// <summary>Deletes security-log events older than the retention, on a schedule of the injected clock.</summary>
public sealed class SecurityLogPruning(
    IServiceScopeFactory scopes, IOptions<SecurityLogOptions> options, TimeProvider clock, HeyHoMetrics metrics, ILogger<SecurityLogPruning> logger)
    : BackgroundService
{
    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var threshold = (clock.GetUtcNow() - options.Value.SecurityLogRetention).ToUnixTimeMilliseconds();
        var deleted = await scope.ServiceProvider.GetRequiredService<HeyHoDbContext>().Set<SecurityEvent>()
            .Where(e => e.At < threshold).ExecuteDeleteAsync(cancellationToken);
        metrics.SecurityEventsPruned(deleted);
        logger.LogInformation("Pruned {Events} security-log events", deleted);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SecurityLogPruneInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Security-log pruning failed ({Error}); retrying at the next interval", e.GetType().Name);
            }
        }
    }
}
