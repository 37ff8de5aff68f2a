using System.Data.Common;
using HeyHo.Api.Features.Privacy;
using Microsoft.EntityFrameworkCore.Storage;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// Stores a read batch in one transaction – its records and their receipt – or nothing at all. Each record identity
/// counts once: the same identity twice in one request is written twice (the upsert's merge rules keep the most
/// complete copy), and its extra copies count as unchanged. The user's privacy settings apply here, read in the same
/// transaction: records of an excluded domain are counted as excluded and not stored, and with query stripping the
/// stored URLs lose their query and fragment (the record keeps its id).
/// </summary>
internal static class SyncBatchStore
{
    /// <summary>The receipt, or null when storage could not take the batch now (nothing was stored).</summary>
    public static async Task<SyncBatchResponse?> StoreAsync(
        IncomingBatch batch, string userId, HeyHoDbContext db, WriteGate gate, TimeProvider clock, CancellationToken ct)
    {
        var receivedAt = clock.GetUtcNow();
        var receipt = new SyncReceipt
        {
            Id = Guid.CreateVersion7(receivedAt).ToString(),
            UserId = userId,
            AnonymousClientId = batch.ClientId
                ?? batch.Visits.Select(v => v.AnonymousClientId).FirstOrDefault(c => c is not null)
                ?? batch.Aggregates.Select(a => a.AnonymousClientId).FirstOrDefault(),
            ReceivedAt = receivedAt.ToUnixTimeMilliseconds(),
        };

        using var entered = await gate.EnterAsync(ct);
        if (entered is null)
        {
            return null;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var privacy = await PrivacyRules.LoadForIngestAsync(db, userId, ct);
            using (var upserts = new SyncUpserts(db.Database.GetDbConnection(), transaction.GetDbTransaction(), userId, receipt.ReceivedAt))
            {
                // Rows are written in key order (stable, so copies of one record keep theirs): concurrent batches that
                // share records then lock them in the same order and cannot deadlock each other on PostgreSQL.
                var visits = batch.Visits.Where(v => !RecordDomains.PageVisitIn(privacy.Excluded, v.Domain, v.Url))
                    .OrderBy(v => v.Id, StringComparer.Ordinal).ToList();
                var aggregates = batch.Aggregates
                    .Where(a => !RecordDomains.TabAggregateIn(privacy.Excluded, a.CurrentDomain, a.CurrentUrl, a.DomainDurations, a.Statistics))
                    .OrderBy(a => a.AnonymousClientId, StringComparer.Ordinal).ThenBy(a => a.TabId).ThenBy(a => a.StartTime).ToList();
                visits.ForEach(v => v.Url = privacy.Store(v.Url));
                aggregates.ForEach(a => a.CurrentUrl = privacy.Store(a.CurrentUrl));
                receipt.PageVisits = Count(visits, v => v.Id!, await upserts.UpsertAsync(visits, ct), batch.VisitsReceived, batch.Visits.Count - visits.Count);
                receipt.TabAggregates = Count(aggregates, a => $"{a.AnonymousClientId}\n{a.TabId}\n{a.StartTime}",
                    await upserts.UpsertAsync(aggregates, ct), batch.AggregatesReceived, batch.Aggregates.Count - aggregates.Count);
            }
            db.Add(receipt);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException { InnerException: DbException })
        {
            return null;
        }

        return new SyncBatchResponse(receipt.Id, receivedAt.UtcDateTime, receipt.PageVisits, receipt.TabAggregates, batch.Rejected, batch.Repaired);
    }

    private static SyncBatchKindCounts Count<T>(List<T> records, Func<T, string> identity, SyncUpserts.Outcome[] outcomes, int received, int excluded)
    {
        var first = new Dictionary<string, SyncUpserts.Outcome>(StringComparer.Ordinal);
        var duplicates = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var key = identity(records[i]);
            if (!first.TryGetValue(key, out var earlier))
            {
                first[key] = outcomes[i];
                continue;
            }
            duplicates++;
            if (earlier == SyncUpserts.Outcome.Unchanged && outcomes[i] == SyncUpserts.Outcome.Updated)
            {
                first[key] = SyncUpserts.Outcome.Updated;
            }
        }
        int Of(SyncUpserts.Outcome outcome) => first.Values.Count(o => o == outcome);
        return new SyncBatchKindCounts(
            received, Of(SyncUpserts.Outcome.Inserted), Of(SyncUpserts.Outcome.Updated),
            Of(SyncUpserts.Outcome.Unchanged) + duplicates, received - records.Count - excluded, excluded);
    }
}
