using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Infrastructure.Security;

/// <summary>Deletes security-log events older than the retention, on a schedule of the injected clock.</summary>
public sealed class SecurityLogPruning(
    IServiceScopeFactory scopes, IOptions<SecurityLogOptions> options, TimeProvider clock, HeyHoMetrics metrics, ILogger<SecurityLogPruning> logger)
    : ScheduledWork(clock, logger)
{
    protected override string Name => "Security-log pruning";

    protected override TimeSpan Interval => options.Value.SecurityLogPruneInterval;

    public async Task<int> PruneOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var threshold = (Clock.GetUtcNow() - options.Value.SecurityLogRetention).ToUnixTimeMilliseconds();
        var deleted = await scope.ServiceProvider.GetRequiredService<HeyHoDbContext>().Set<SecurityEvent>()
            .Where(e => e.At < threshold).ExecuteDeleteAsync(cancellationToken);
        metrics.SecurityEventsPruned(deleted);
        Logger.LogInformation("Pruned {Events} security-log events", deleted);
        return deleted;
    }

    protected override Task RunAsync(CancellationToken cancellationToken) => PruneOnceAsync(cancellationToken);
}
