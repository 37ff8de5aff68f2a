using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Query;

namespace HeyHo.Api.Features.Sync;

/// <summary>Which of a user's records a deletion takes: those of some domains (with their subdomains, as <see cref="RecordDomains"/> says) and/or those whose time is in [From, To).</summary>
internal sealed record RecordFilter(DomainSet? Domains = null, long? From = null, long? To = null);

/// <summary>
/// Deletes one user's page visits or tab aggregates in steps of about one batch each (rows sharing the batch's last
/// time go with it). Enumerating the steps performs them, so the caller decides what surrounds each: one transaction
/// for all (<see cref="RunAllAsync"/>, the purge of a newly excluded domain), or a transaction and a turn of the write
/// gate for each (<see cref="RunAsync"/>: bulk deletes, retention). Every statement is filtered by the user.
/// </summary>
internal sealed class RecordDeletion(HeyHoDbContext db, string userId, int batchSize)
{
    /// <summary>Rows per step of the bulk deletes and the purge.</summary>
    public const int DefaultBatchSize = 1000;

    /// <summary>Tab aggregates have a four-column key: a delete by keys names at most this many, to keep each statement small.</summary>
    private const int KeysPerStatement = 100;

    /// <summary>Page visits by <see cref="PageVisit.StartedAt"/>, of the filter's domains.</summary>
    public IAsyncEnumerable<int> PageVisitsAsync(RecordFilter filter, CancellationToken ct = default)
    {
        var rows = Within(db.Set<PageVisit>().Where(v => v.UserId == userId), v => v.StartedAt, filter);
        return filter.Domains is { } domains ? PageVisitsOfAsync(rows, domains, ct) : InBatchesAsync(rows, v => v.StartedAt, ct);
    }

    /// <summary>Tab aggregates by <see cref="TabAggregate.StartTime"/>, of the filter's domains.</summary>
    public IAsyncEnumerable<int> TabAggregatesAsync(RecordFilter filter, CancellationToken ct = default)
    {
        var rows = Within(db.Set<TabAggregate>().Where(a => a.UserId == userId), a => a.StartTime, filter);
        return filter.Domains is { } domains ? TabAggregatesOfAsync(rows, domains, ct) : InBatchesAsync(rows, a => a.StartTime, ct);
    }

    /// <summary>Tab aggregates last active before the cutoff – so started before it too, which the (UserId, StartTime) index finds.</summary>
    public IAsyncEnumerable<int> ExpiredTabAggregatesAsync(long cutoff, CancellationToken ct = default) => InBatchesAsync(
        db.Set<TabAggregate>().Where(a => a.UserId == userId && a.StartTime < cutoff && a.LastActiveTime < cutoff), a => a.StartTime, ct);

    private async IAsyncEnumerable<int> PageVisitsOfAsync(IQueryable<PageVisit> rows, DomainSet domains, [EnumeratorCancellation] CancellationToken ct)
    {
        // The stored domain values the filter covers, then their rows by value (the (UserId, Domain) index serves both).
        var stored = await rows.Where(v => v.Domain != null && v.Domain != "").Select(v => v.Domain!).Distinct().ToListAsync(ct);
        var covered = stored.Where(domains.Covers).ToList();
        if (covered.Count > 0)
        {
            await foreach (var deleted in InBatchesAsync(rows.Where(v => covered.Contains(v.Domain!)), v => v.StartedAt, ct))
            {
                yield return deleted;
            }
        }

        // A visit stored without a domain belongs to its URL's host, which SQL cannot tell: matched here, deleted by id.
        var ids = new List<string>();
        await foreach (var visit in rows.Where(v => v.Domain == null || v.Domain == "").Select(v => new { v.Id, v.Url }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (RecordDomains.PageVisitIn(domains, null, visit.Url))
            {
                ids.Add(visit.Id);
            }
        }
        foreach (var batch in ids.Chunk(batchSize))
        {
            yield return await db.Set<PageVisit>().Where(v => v.UserId == userId && batch.Contains(v.Id)).ExecuteDeleteAsync(ct);
        }
    }

    private async IAsyncEnumerable<int> TabAggregatesOfAsync(IQueryable<TabAggregate> rows, DomainSet domains, [EnumeratorCancellation] CancellationToken ct)
    {
        // Whether an aggregate names a domain is a question about its JSON: every candidate is read and matched here.
        var keys = new List<(string ClientId, long TabId, long StartTime)>();
        var candidates = rows.Select(a => new { a.AnonymousClientId, a.TabId, a.StartTime, a.CurrentDomain, a.CurrentUrl, a.DomainDurations, a.Statistics });
        await foreach (var a in candidates.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (RecordDomains.TabAggregateIn(domains, a.CurrentDomain, a.CurrentUrl, a.DomainDurations, a.Statistics))
            {
                keys.Add((a.AnonymousClientId, a.TabId, a.StartTime));
            }
        }
        foreach (var batch in keys.Chunk(batchSize))
        {
            var deleted = 0;
            foreach (var statement in batch.Chunk(KeysPerStatement))
            {
                deleted += await db.Set<TabAggregate>().Where(a => a.UserId == userId).Where(AnyOf(statement)).ExecuteDeleteAsync(ct);
            }
            yield return deleted;
        }
    }

    /// <summary>Runs every step in the caller's transaction; returns how many rows went.</summary>
    public static async Task<long> RunAllAsync(IAsyncEnumerable<int> steps)
    {
        long deleted = 0;
        await foreach (var step in steps)
        {
            deleted += step;
        }
        return deleted;
    }

    /// <summary>
    /// Runs each step in its own transaction, holding the write gate only for that step, so that syncs go on between
    /// steps. Busy: the gate did not free up in time; what was deleted before stays deleted.
    /// </summary>
    public static async Task<(long Deleted, bool Busy)> RunAsync(IAsyncEnumerable<int> steps, HeyHoDbContext db, WriteGate gate, CancellationToken ct)
    {
        long deleted = 0;
        await using var step = steps.GetAsyncEnumerator(ct);
        while (true)
        {
            using var entered = await gate.EnterAsync(ct);
            if (entered is null)
            {
                return (deleted, true);
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await step.MoveNextAsync())
            {
                return (deleted, false);
            }
            await transaction.CommitAsync(ct);
            deleted += step.Current;
        }
    }

    /// <summary>Deletes the rows up to the time of the batch's last row, until fewer than a batch are left.</summary>
    private async IAsyncEnumerable<int> InBatchesAsync<T>(IQueryable<T> rows, Expression<Func<T, long>> time, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var last = await rows.OrderBy(time).Select(time).Skip(batchSize - 1).Take(1).ToListAsync(ct);
            var batch = rows;
            if (last.Count > 0)
            {
                batch = rows.Where(Compare(time, ExpressionType.LessThanOrEqual, last[0]));
            }
            var deleted = await batch.ExecuteDeleteAsync(ct);
            if (deleted > 0)
            {
                yield return deleted;
            }
            if (last.Count == 0)
            {
                yield break;
            }
        }
    }

    private static IQueryable<T> Within<T>(IQueryable<T> rows, Expression<Func<T, long>> time, RecordFilter filter)
    {
        if (filter.From is { } from)
        {
            rows = rows.Where(Compare(time, ExpressionType.GreaterThanOrEqual, from));
        }
        if (filter.To is { } to)
        {
            rows = rows.Where(Compare(time, ExpressionType.LessThan, to));
        }
        return rows;
    }

    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, long>> time, ExpressionType comparison, long value)
    {
        Expression<Func<long>> bound = () => value; // a parameter, not a literal
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(comparison, time.Body, bound.Body), time.Parameters);
    }

    private static Expression<Func<TabAggregate, bool>> AnyOf(IEnumerable<(string ClientId, long TabId, long StartTime)> keys)
    {
        var row = Expression.Parameter(typeof(TabAggregate), "a");
        Expression? any = null;
        foreach (var key in keys)
        {
            Expression<Func<TabAggregate, bool>> one = a => a.AnonymousClientId == key.ClientId && a.TabId == key.TabId && a.StartTime == key.StartTime;
            var body = ReplacingExpressionVisitor.Replace(one.Parameters[0], row, one.Body);
            any = any is null ? body : Expression.OrElse(any, body);
        }
        return Expression.Lambda<Func<TabAggregate, bool>>(any ?? Expression.Constant(false), row);
    }
}
