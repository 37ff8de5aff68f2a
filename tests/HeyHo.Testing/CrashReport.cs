namespace HeyHo.Testing;

/// <summary>What a crash run found; everything but the counts of attempts must be zero (and integrity_check ok on SQLite).</summary>
public sealed record CrashReport(
    int Kills, int BatchesAcknowledged, int RecordsAcknowledged, int BatchesAttempted, int Missing, int Duplicates,
    int HalfStoredBatches, string IntegrityCheck, int ServerErrors, int Unavailable, int ConnectionFailures)
{
    public override string ToString() =>
        $"kills {Kills}, batches acknowledged {BatchesAcknowledged} of {BatchesAttempted} attempted, records acknowledged {RecordsAcknowledged}, " +
        $"missing {Missing}, duplicates {Duplicates}, half-stored batches {HalfStoredBatches}, integrity_check {IntegrityCheck}, " +
        $"5xx other than 503: {ServerErrors}, 503: {Unavailable}, connection failures (server down): {ConnectionFailures}";
}
