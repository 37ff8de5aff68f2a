using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// The second pass over a sync body whose envelope was read: one record at a time is parsed, type-checked, repaired
/// and validated, so a 5 MiB body never needs a multi-megabyte parse index, only record-sized ones. Nothing inside
/// a record fails the request: a record is stored, stored with repairs, or refused with reasons.
/// </summary>
internal static class SyncRecordReader
{
    public static IncomingBatch Read(
        ReadOnlySpan<byte> body, SyncEnvelope envelope, IValidator<PageVisitInput> visitValidator, IValidator<TabAggregateInput> aggregateValidator)
    {
        var clientId = envelope.Request.AnonymousClientId;
        var batch = new IncomingBatch(clientId);
        var ordinal = 0;

        var reader = new Utf8JsonReader(body, SyncEnvelope.ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isVisits = reader.ValueTextEquals("pageVisits");
            var isAggregates = reader.ValueTextEquals("tabAggregates");
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray || !(isVisits || isAggregates))
            {
                reader.Skip();
                continue;
            }

            var (kind, what) = isVisits ? ("pageVisit", "page visit") : ("tabAggregate", "tab aggregate");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var index = isVisits ? batch.VisitsReceived++ : batch.AggregatesReceived++;
                var tooDeep = envelope.TooDeep.Contains(ordinal++);
                if (reader.TokenType != JsonTokenType.StartObject || tooDeep)
                {
                    var reason = reader.TokenType != JsonTokenType.StartObject
                        ? $"A {what} must be a JSON object."
                        : $"A {what} must not nest deeper than {SyncLimits.MaxJsonDepth} levels of JSON (counted from the request's root).";
                    reader.Skip();
                    batch.Rejected.Add(new(kind, index, null, [new FieldError("$", reason)]));
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                using var record = JsonDocument.ParseValue(ref reader);
                var marked = envelope.Repaired && body[start..(int)reader.BytesConsumed].IndexOf(LoneSurrogates.Marker) >= 0;
                var wire = new WireRecord(record.RootElement, clientId, marked);
                if (isVisits)
                {
                    var visit = wire.ReadPageVisit();
                    Keep(batch, batch.Visits, visit, wire, Validate(visitValidator, visit, wire.Errors), kind, index, visit.Id);
                }
                else
                {
                    var aggregate = wire.ReadTabAggregate();
                    Keep(batch, batch.Aggregates, aggregate, wire, Validate(aggregateValidator, aggregate, wire.Errors), kind, index, null);
                }
            }
        }
        return batch;
    }

    private static void Keep<T>(IncomingBatch batch, List<T> kept, T record, WireRecord wire, List<FieldError> errors, string kind, int index, string? id)
    {
        if (errors.Count > 0)
        {
            batch.Rejected.Add(new(kind, index, id, errors));
            return;
        }
        kept.Add(record);
        if (wire.Repairs is { } repairs)
        {
            batch.Repaired.Add(new(kind, index, id, repairs));
        }
    }

    /// <summary>Synchronous on purpose: record rules are all in memory.</summary>
    private static List<FieldError> Validate<T>(IValidator<T> validator, T record, List<FieldError> errors)
    {
        foreach (var failure in validator.Validate(record).Errors)
        {
            // A field that already failed its type check is not reported twice.
            if (!errors.Exists(e => e.Field == failure.PropertyName))
            {
                errors.Add(new FieldError(failure.PropertyName, failure.ErrorMessage));
            }
        }
        return errors;
    }
}
