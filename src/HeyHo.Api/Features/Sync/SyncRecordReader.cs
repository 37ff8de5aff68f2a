using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// The second pass over a sync body whose envelope was read: one record at a time is parsed, type-checked and
/// validated, so a 5 MiB body never needs a multi-megabyte parse index, only record-sized ones.
/// </summary>
internal static class SyncRecordReader
{
    public static IncomingBatch Read(
        ReadOnlySpan<byte> body, string? clientId, IValidator<PageVisitInput> visitValidator, IValidator<TabAggregateInput> aggregateValidator)
    {
        var rejected = new List<SyncBatchRejectedRecord>();
        var visits = new List<PageVisitInput>();
        var aggregates = new List<TabAggregateInput>();
        int visitIndex = 0, aggregateIndex = 0;

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

            var kind = isVisits ? "pageVisit" : "tabAggregate";
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var index = isVisits ? visitIndex++ : aggregateIndex++;
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    rejected.Add(new(kind, index, null, [new FieldError("$", $"A {(isVisits ? "page visit" : "tab aggregate")} must be a JSON object.")]));
                    continue;
                }

                using var record = JsonDocument.ParseValue(ref reader);
                var errors = new List<FieldError>();
                if (isVisits)
                {
                    var visit = WireRecord.ReadPageVisit(record.RootElement, clientId, errors);
                    Keep(visit, Validate(visitValidator, visit, errors), visits, rejected, kind, index, visit.Id);
                }
                else
                {
                    var aggregate = WireRecord.ReadTabAggregate(record.RootElement, clientId, errors);
                    Keep(aggregate, Validate(aggregateValidator, aggregate, errors), aggregates, rejected, kind, index, null);
                }
            }
        }

        return new IncomingBatch(clientId, visits, visitIndex, aggregates, aggregateIndex, rejected);
    }

    private static void Keep<T>(T record, List<FieldError> errors, List<T> kept, List<SyncBatchRejectedRecord> rejected, string kind, int index, string? id)
    {
        if (errors.Count == 0)
        {
            kept.Add(record);
        }
        else
        {
            rejected.Add(new(kind, index, id, errors));
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
