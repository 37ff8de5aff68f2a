using System.Buffers;
using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// POST /api/v1/data/sync: stores a batch from the extension's buffer. A 200 promises that every record is stored
/// or deliberately refused (listed in the receipt), so the extension may delete all of it; anything else stores nothing.
/// </summary>
public static class SyncBatch
{
    public sealed record Response(string SyncId, DateTime ReceivedAt, KindCounts PageVisits, KindCounts TabAggregates, IReadOnlyList<RejectedRecord> Rejected);

    public sealed record KindCounts(int Received, int Inserted, int Updated, int Unchanged, int Rejected);

    public sealed record RejectedRecord(string Kind, int Index, string? Id, IReadOnlyList<FieldError> Errors);

    /// <summary>The request body, for the API description; the handler reads it field by field.</summary>
    public sealed record Request(string? AnonymousClientId, IReadOnlyList<JsonElement>? PageVisits, IReadOnlyList<JsonElement>? TabAggregates);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(
        HttpRequest http, ClaimsPrincipal caller, HeyHoDbContext db, WriteGate gate, TimeProvider clock,
        IValidator<PageVisitInput> visitValidator, IValidator<TabAggregateInput> aggregateValidator, HeyHoMetrics metrics,
        CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!http.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The request body must be application/json.");
        }

        using var body = await ReadBodyAsync(http, ct);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"The request body must be at most {SyncLimits.MaxBodyBytes} bytes.");
        }

        // The JSON reader checks UTF-8 only when a string is read; checking it once here keeps bad bytes a 400.
        if (!System.Text.Unicode.Utf8.IsValid(body.Memory.Span))
        {
            return Problem(StatusCodes.Status400BadRequest, "The request body is not valid UTF-8.");
        }

        var (batch, error) = SyncBodyReader.Read(body.Memory.Span, visitValidator, aggregateValidator);
        if (error is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, error);
        }

        var result = await Store(batch!, caller.UserId(), db, gate, clock, http.HttpContext.Response, ct);
        if (result.Result is Ok<Response> { Value: { } receipt })
        {
            Record(metrics, "pageVisit", receipt.PageVisits);
            Record(metrics, "tabAggregate", receipt.TabAggregates);
            metrics.SyncBatch(System.Diagnostics.Stopwatch.GetElapsedTime(started), receipt.PageVisits.Received + receipt.TabAggregates.Received);
        }
        return result;
    }

    private static void Record(HeyHoMetrics metrics, string kind, KindCounts counts)
    {
        metrics.SyncRecords(kind, "received", counts.Received);
        metrics.SyncRecords(kind, "inserted", counts.Inserted);
        metrics.SyncRecords(kind, "updated", counts.Updated);
        metrics.SyncRecords(kind, "unchanged", counts.Unchanged);
        metrics.SyncRecords(kind, "rejected", counts.Rejected);
    }

    private static async Task<Results<Ok<Response>, ProblemHttpResult>> Store(
        SyncBodyReader.Batch batch, string userId, HeyHoDbContext db, WriteGate gate, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var visits = new Tally();
        var aggregates = new Tally();
        var receivedAt = clock.GetUtcNow();
        var receipt = new SyncReceipt
        {
            Id = Guid.CreateVersion7(receivedAt).ToString(),
            UserId = userId,
            AnonymousClientId = batch.ClientId
                ?? batch.Visits.Select(v => v.Record.AnonymousClientId).FirstOrDefault(c => c is not null)
                ?? batch.Aggregates.Select(a => a.Record.AnonymousClientId).FirstOrDefault(),
            ReceivedAt = receivedAt.ToUnixTimeMilliseconds(),
        };

        using var entered = await gate.EnterAsync(ct);
        if (entered is null)
        {
            return Unavailable(response);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            using (var upserts = new SyncUpserts(db.Database.GetDbConnection(), transaction.GetDbTransaction(), userId, receipt.ReceivedAt))
            {
                // Rows are written in key order (stable, so copies of one record keep theirs): concurrent batches that
                // share records then lock them in the same order and cannot deadlock each other on PostgreSQL.
                var visitRecords = batch.Visits.Select(v => v.Record).OrderBy(v => v.Id, StringComparer.Ordinal).ToList();
                var visitOutcomes = await upserts.UpsertAsync(visitRecords, ct);
                for (var i = 0; i < visitRecords.Count; i++)
                {
                    visits.Add(visitRecords[i].Id!, visitOutcomes[i]);
                }
                var aggregateRecords = batch.Aggregates.Select(a => a.Record)
                    .OrderBy(a => a.AnonymousClientId, StringComparer.Ordinal).ThenBy(a => a.TabId).ThenBy(a => a.StartTime).ToList();
                var aggregateOutcomes = await upserts.UpsertAsync(aggregateRecords, ct);
                for (var i = 0; i < aggregateRecords.Count; i++)
                {
                    var a = aggregateRecords[i];
                    aggregates.Add($"{a.AnonymousClientId}\n{a.TabId}\n{a.StartTime}", aggregateOutcomes[i]);
                }
            }

            var rejectedVisits = batch.VisitsReceived - batch.Visits.Count;
            var rejectedAggregates = batch.AggregatesReceived - batch.Aggregates.Count;
            (receipt.PageVisitsReceived, receipt.PageVisitsInserted, receipt.PageVisitsUpdated, receipt.PageVisitsUnchanged, receipt.PageVisitsRejected) =
                (batch.VisitsReceived, visits.Inserted, visits.Updated, visits.Unchanged, rejectedVisits);
            (receipt.TabAggregatesReceived, receipt.TabAggregatesInserted, receipt.TabAggregatesUpdated, receipt.TabAggregatesUnchanged, receipt.TabAggregatesRejected) =
                (batch.AggregatesReceived, aggregates.Inserted, aggregates.Updated, aggregates.Unchanged, rejectedAggregates);
            db.Add(receipt);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException { InnerException: DbException })
        {
            return Unavailable(response);
        }

        return TypedResults.Ok(new Response(
            receipt.Id,
            receivedAt.UtcDateTime,
            new KindCounts(receipt.PageVisitsReceived, receipt.PageVisitsInserted, receipt.PageVisitsUpdated, receipt.PageVisitsUnchanged, receipt.PageVisitsRejected),
            new KindCounts(receipt.TabAggregatesReceived, receipt.TabAggregatesInserted, receipt.TabAggregatesUpdated, receipt.TabAggregatesUnchanged, receipt.TabAggregatesRejected),
            batch.Rejected));
    }

    /// <summary>
    /// Counts outcomes per record identity: the same identity twice in one request is written twice (the upsert's
    /// merge rules pick the most complete copy) but counts once; its extra copies count as unchanged.
    /// </summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, SyncUpserts.Outcome> _first = new(StringComparer.Ordinal);
        private int _duplicates;

        public int Inserted => _first.Values.Count(o => o == SyncUpserts.Outcome.Inserted);
        public int Updated => _first.Values.Count(o => o == SyncUpserts.Outcome.Updated);
        public int Unchanged => _first.Values.Count(o => o == SyncUpserts.Outcome.Unchanged) + _duplicates;

        public void Add(string key, SyncUpserts.Outcome outcome)
        {
            if (!_first.TryGetValue(key, out var earlier))
            {
                _first[key] = outcome;
                return;
            }
            _duplicates++;
            if (earlier == SyncUpserts.Outcome.Unchanged && outcome == SyncUpserts.Outcome.Updated)
            {
                _first[key] = SyncUpserts.Outcome.Updated;
            }
        }
    }

    private static ProblemHttpResult Unavailable(HttpResponse response) =>
        StorageUnavailable.Problem(response, "Storage is unavailable for the moment; nothing from this request was stored. Retry later.");

    private static ProblemHttpResult Problem(int status, string title) => TypedResults.Problem(statusCode: status, title: title);

    /// <summary>Reads the body into a pooled buffer, or returns null as soon as it exceeds the limit.</summary>
    private static async Task<IMemoryOwner<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > SyncLimits.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new PooledBuffer((int)(request.ContentLength ?? 64 * 1024));
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.FreeSpace(), ct);
                if (read == 0)
                {
                    return buffer;
                }
                buffer.Advance(read);
                if (buffer.Length > SyncLimits.MaxBodyBytes)
                {
                    buffer.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private sealed class PooledBuffer(int initialSize) : IMemoryOwner<byte>
    {
        // A pool of its own: the shared pool caches an array per size in each thread that returns one, which kept
        // an 8 MiB array alive per thread that had served a 5 MiB body (measured: +8.4 MB of large-object heap per
        // such request in the mixed-load run). This one keeps at most a few per size, in total.
        private static readonly ArrayPool<byte> Bodies = ArrayPool<byte>.Create(maxArrayLength: 8 * 1024 * 1024, maxArraysPerBucket: 4);

        private byte[] _array = Bodies.Rent(Math.Max(initialSize + 1, 4096));

        public int Length { get; private set; }

        public Memory<byte> Memory => _array.AsMemory(0, Length);

        public Memory<byte> FreeSpace()
        {
            if (Length == _array.Length)
            {
                var larger = Bodies.Rent(_array.Length * 2);
                _array.AsSpan(0, Length).CopyTo(larger);
                Bodies.Return(_array);
                _array = larger;
            }
            return _array.AsMemory(Length);
        }

        public void Advance(int count) => Length += count;

        public void Dispose() => Bodies.Return(_array);
    }
}
