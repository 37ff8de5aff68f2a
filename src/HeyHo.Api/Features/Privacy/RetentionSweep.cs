using HeyHo.Api.Features.Sync;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Features.Privacy;

/// <summary>
/// On a schedule of the injected clock, deletes each user's page visits (by startedAt) and tab aggregates (by
/// lastActiveTime) older than their retentionDays, a batch per transaction, taking the write gate for each batch and
/// giving it back before the next, so that syncs go on during a long sweep. A sweep that finds the gate busy for
/// too long stops; the next one carries on.
/// </summary>
public sealed class RetentionSweep(
    IServiceScopeFactory scopes, IOptions<PrivacyOptions> options, WriteGate gate, TimeProvider clock, HeyHoMetrics metrics, ILogger<RetentionSweep> logger)
    : ScheduledWork(clock, logger)
{
    private const int UsersPerRead = 100;

    protected override string Name => "Retention sweep";

    protected override TimeSpan Interval => options.Value.RetentionSweepInterval;

    public async Task<(long PageVisits, long TabAggregates)> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        var now = Clock.GetUtcNow();
        long visits = 0, aggregates = 0;
        var busy = false;
        string? after = null;
        while (!busy)
        {
            var users = await db.Set<PrivacySettings>().AsNoTracking()
                .Where(s => s.RetentionDays != null && (after == null || string.Compare(s.UserId, after) > 0))
                .OrderBy(s => s.UserId).Take(UsersPerRead).Select(s => new { s.UserId, Days = s.RetentionDays!.Value })
                .ToListAsync(cancellationToken);
            foreach (var user in users)
            {
                var cutoff = (now - TimeSpan.FromDays(user.Days)).ToUnixTimeMilliseconds();
                var records = new RecordDeletion(db, user.UserId, options.Value.RetentionBatchSize);
                var (v, visitsBusy) = await RecordDeletion.RunAsync(records.PageVisitsAsync(new RecordFilter(To: cutoff), cancellationToken), db, gate, cancellationToken);
                var (a, aggregatesBusy) = visitsBusy ? (0, true)
                    : await RecordDeletion.RunAsync(records.ExpiredTabAggregatesAsync(cutoff, cancellationToken), db, gate, cancellationToken);
                (visits, aggregates, busy) = (visits + v, aggregates + a, visitsBusy || aggregatesBusy);
                if (busy)
                {
                    break;
                }
            }
            if (users.Count < UsersPerRead)
            {
                break;
            }
            after = users[^1].UserId;
        }

        metrics.RetentionDeleted("pageVisit", visits);
        metrics.RetentionDeleted("tabAggregate", aggregates);
        Logger.LogInformation("Retention sweep deleted {PageVisits} page visits and {TabAggregates} tab aggregates{Stopped}",
            visits, aggregates, busy ? "; storage was busy, the next sweep carries on" : "");
        return (visits, aggregates);
    }

    protected override Task RunAsync(CancellationToken cancellationToken) => SweepOnceAsync(cancellationToken);
}
