using System.Diagnostics;
using FluentValidation.Results;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// POST /api/v1/data/sync: stores a batch from the extension's buffer. A 200 promises that every record is stored or
/// deliberately refused (listed in the receipt), so the extension may delete all of it; anything else stores nothing.
/// </summary>
public static class SyncBatch
{
    /// <summary>What the envelope itself may hold; each record is checked on its own (PageVisitValidator, TabAggregateValidator).</summary>
    public sealed class Validator : JsonFieldValidator<SyncBatchRequest>
    {
        public Validator() => RuleFor(r => r.AnonymousClientId).ClientId();
    }

    public static async Task<Results<Ok<SyncBatchResponse>, ValidationProblem, ProblemHttpResult, RetryAfterProblem>> Handle(
        HttpRequest http, ClaimsPrincipal caller, HeyHoDbContext db, WriteGate gate, TimeProvider clock, HeyHoMetrics metrics,
        IValidator<SyncBatchRequest> validator, IValidator<PageVisitInput> visitValidator, IValidator<TabAggregateInput> aggregateValidator,
        CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (!http.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "The request body must be application/json.");
        }

        // Read: the whole body into a pooled buffer, then its envelope (syntax, depth, field types, record count).
        using var body = await PooledBody.ReadAsync(http, ct);
        var (envelope, unreadable) = SyncEnvelope.Read(body.Memory.Span);
        if (envelope is null)
        {
            return Problem(StatusCodes.Status400BadRequest, unreadable!);
        }

        // Validate: faults of the whole request store nothing; a faulty record is repaired or refused alone, in the receipt.
        var validation = validator.Validate(envelope.Request);
        validation.Errors.AddRange(envelope.Errors.Select(e => new ValidationFailure(e.Field, e.Message)));
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        if (envelope.Records > SyncLimits.MaxRecordsPerRequest)
        {
            return Problem(StatusCodes.Status400BadRequest,
                $"A request may hold at most {SyncLimits.MaxRecordsPerRequest} records; this one holds {envelope.Records}.");
        }
        var batch = SyncRecordReader.Read(body.Memory.Span, envelope, visitValidator, aggregateValidator);

        // Store, then answer.
        var receipt = await SyncBatchStore.StoreAsync(batch, caller.UserId(), db, gate, clock, ct);
        if (receipt is null)
        {
            return StorageUnavailable.Problem("Storage is unavailable for the moment; nothing from this request was stored. Retry later.");
        }
        metrics.Record(receipt, Stopwatch.GetElapsedTime(started));
        return TypedResults.Ok(receipt);
    }

    private static ProblemHttpResult Problem(int status, string title) => TypedResults.Problem(statusCode: status, title: title);
}
