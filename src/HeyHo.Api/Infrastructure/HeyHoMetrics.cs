using System.Diagnostics.Metrics;

namespace HeyHo.Api.Infrastructure;

/// <summary>HeyHo's own instruments, exported with the ASP.NET Core ones at /metrics.</summary>
public sealed class HeyHoMetrics
{
    public const string MeterName = "HeyHo.Api";

    private readonly Counter<long> _syncRecords;
    private readonly Histogram<double> _syncDuration;
    private readonly Histogram<long> _syncBatchSize;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _tokensPruned;
    private readonly Counter<long> _securityEventsPruned;
    private readonly Counter<long> _retentionDeleted;

    public HeyHoMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _syncRecords = meter.CreateCounter<long>("heyho.sync.records", "{record}", "Records in sync requests, by kind and outcome.");
        _syncDuration = meter.CreateHistogram("heyho.sync.duration", "s", "Time to parse, validate and store one sync batch.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _syncBatchSize = meter.CreateHistogram("heyho.sync.batch.size", "{record}", "Records in one sync request.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 750, 1000] });
        _logins = meter.CreateCounter<long>("heyho.auth.logins", "{login}", "Password grants, by result (succeeded, failed, locked_out).");
        _refreshes = meter.CreateCounter<long>("heyho.auth.refreshes", "{refresh}", "Refresh-token grants, by result (succeeded, refused).");
        _replays = meter.CreateCounter<long>("heyho.auth.refresh_token.replays", "{replay}", "Redeemed refresh tokens presented again after the reuse leeway.");
        _tokensPruned = meter.CreateCounter<long>("heyho.auth.tokens.pruned", "{token}", "Token and authorization rows deleted by the pruning service.");
        _securityEventsPruned = meter.CreateCounter<long>("heyho.account.security_events.pruned", "{event}", "Security-log events deleted after their retention.");
        _retentionDeleted = meter.CreateCounter<long>("heyho.privacy.retention.deleted", "{record}", "Records deleted by the retention sweep, by kind; added once per sweep and kind.");
    }

    public void SyncRecords(string kind, string outcome, int count)
    {
        if (count > 0)
        {
            _syncRecords.Add(count, new("kind", kind), new("outcome", outcome));
        }
    }

    public void SyncBatch(TimeSpan duration, int records)
    {
        _syncDuration.Record(duration.TotalSeconds);
        _syncBatchSize.Record(records);
    }

    public void Login(string result) => _logins.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Refresh(string result) => _refreshes.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Replay() => _replays.Add(1);

    public void TokensPruned(long count) => _tokensPruned.Add(count);

    public void SecurityEventsPruned(long count) => _securityEventsPruned.Add(count);

    public void RetentionDeleted(string kind, long count) => _retentionDeleted.Add(count, new KeyValuePair<string, object?>("kind", kind));
}
