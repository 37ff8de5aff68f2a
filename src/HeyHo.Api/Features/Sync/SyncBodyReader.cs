using System.Text.Json;
using FluentValidation;
using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// Reads a sync request body without building one document for the whole of it: a first pass checks the
/// envelope (syntax, depth, top-level types, record count, the request's client id); a second parses one record
/// at a time. A 5 MiB body therefore never needs a multi-megabyte parse index, only record-sized ones.
/// </summary>
internal static class SyncBodyReader
{
    public sealed record Batch(
        string? ClientId,
        List<(int Index, PageVisitInput Record)> Visits, int VisitsReceived,
        List<(int Index, TabAggregateInput Record)> Aggregates, int AggregatesReceived,
        List<SyncBatch.RejectedRecord> Rejected);

    private static readonly JsonReaderOptions Options = new() { MaxDepth = SyncLimits.MaxJsonDepth };

    /// <summary>Returns the batch, or the reason the whole request is refused (400).</summary>
    public static (Batch? Batch, string? Error) Read(
        ReadOnlySpan<byte> body, IValidator<PageVisitInput> visitValidator, IValidator<TabAggregateInput> aggregateValidator)
    {
        string? clientId;
        try
        {
            var (envelopeError, id, count) = ReadEnvelope(body);
            if (envelopeError is not null)
            {
                return (null, envelopeError);
            }
            if (count > SyncLimits.MaxRecordsPerRequest)
            {
                return (null, $"A request may hold at most {SyncLimits.MaxRecordsPerRequest} records; this one holds {count}.");
            }
            clientId = id;
        }
        catch (JsonException)
        {
            return (null, $"The request body is not valid JSON, or it nests deeper than {SyncLimits.MaxJsonDepth} levels.");
        }

        return (ReadRecords(body, clientId, visitValidator, aggregateValidator), null);
    }

    /// <summary>The whole body is read (so syntax and depth errors anywhere surface), the records only counted.</summary>
    private static (string? Error, string? ClientId, int Records) ReadEnvelope(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            while (reader.Read())
            {
            }
            return ("The request body must be a JSON object.", null, 0);
        }

        string? error = null, clientId = null;
        var records = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isClientId = reader.ValueTextEquals("anonymousClientId");
            var isRecords = reader.ValueTextEquals("pageVisits") || reader.ValueTextEquals("tabAggregates");
            reader.Read();
            if (isClientId && reader.TokenType != JsonTokenType.Null)
            {
                clientId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (clientId is null || clientId.Length > SyncLimits.MaxIdLength)
                {
                    error ??= $"'anonymousClientId' must be a string of at most {SyncLimits.MaxIdLength} characters.";
                }
                else if (!StorableText.IsStorable(clientId))
                {
                    error ??= "'anonymousClientId' must not contain NUL (U+0000) characters.";
                }
            }
            else if (isRecords && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    records++;
                    reader.Skip();
                }
            }
            else if (isRecords && reader.TokenType != JsonTokenType.Null)
            {
                error ??= "'pageVisits' and 'tabAggregates' must be arrays when present.";
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }
        while (reader.Read())
        {
            // anything after the root object throws here
        }
        return (error, clientId, records);
    }

    private static Batch ReadRecords(
        ReadOnlySpan<byte> body, string? clientId, IValidator<PageVisitInput> visitValidator, IValidator<TabAggregateInput> aggregateValidator)
    {
        var rejected = new List<SyncBatch.RejectedRecord>();
        var visits = new List<(int, PageVisitInput)>();
        var aggregates = new List<(int, TabAggregateInput)>();
        int visitIndex = 0, aggregateIndex = 0;

        var reader = new Utf8JsonReader(body, Options);
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

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var kind = isVisits ? "pageVisit" : "tabAggregate";
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
                    Validate(visitValidator, visit, errors);
                    if (errors.Count == 0)
                    {
                        visits.Add((index, visit));
                    }
                    else
                    {
                        rejected.Add(new(kind, index, visit.Id, errors));
                    }
                }
                else
                {
                    var aggregate = WireRecord.ReadTabAggregate(record.RootElement, clientId, errors);
                    Validate(aggregateValidator, aggregate, errors);
                    if (errors.Count == 0)
                    {
                        aggregates.Add((index, aggregate));
                    }
                    else
                    {
                        rejected.Add(new(kind, index, null, errors));
                    }
                }
            }
        }

        return new Batch(clientId, visits, visitIndex, aggregates, aggregateIndex, rejected);
    }

    /// <summary>Synchronous on purpose: record rules are all in-memory, and 1000 async calls a batch cost real time.</summary>
    private static void Validate<T>(IValidator<T> validator, T record, List<FieldError> errors)
    {
        var result = validator.Validate(record);
        foreach (var failure in result.Errors)
        {
            // A field that already failed its type check is not reported twice.
            if (!errors.Exists(e => e.Field == failure.PropertyName))
            {
                errors.Add(new FieldError(failure.PropertyName, failure.ErrorMessage));
            }
        }
    }
}
