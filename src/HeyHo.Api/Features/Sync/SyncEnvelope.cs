using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// The first of two passes over a sync body: the whole body is read (so a syntax or depth error anywhere surfaces)
/// and the envelope's fields type-checked, while the records are only counted.
/// </summary>
internal sealed record SyncEnvelope(SyncBatchRequest Request, int Records, List<FieldError> Errors)
{
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = SyncLimits.MaxJsonDepth };

    /// <summary>Returns the envelope, or why the body cannot be read at all.</summary>
    public static (SyncEnvelope? Envelope, string? Unreadable) Read(ReadOnlySpan<byte> body)
    {
        // The JSON reader checks UTF-8 only when a string is read; checking it once here keeps bad bytes a 400.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, "The request body is not valid UTF-8.");
        }
        try
        {
            return ReadObject(body);
        }
        catch (JsonException)
        {
            return (null, $"The request body is not valid JSON, or it nests deeper than {SyncLimits.MaxJsonDepth} levels.");
        }
    }

    private static (SyncEnvelope?, string?) ReadObject(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            ReadToEnd(ref reader);
            return (null, "The request body must be a JSON object.");
        }

        var errors = new List<FieldError>();
        string? clientId = null;
        var records = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isClientId = reader.ValueTextEquals("anonymousClientId");
            var isRecords = reader.ValueTextEquals("pageVisits") || reader.ValueTextEquals("tabAggregates");
            var name = isClientId || isRecords ? reader.GetString()! : null;
            reader.Read();
            if (isClientId && reader.TokenType == JsonTokenType.String)
            {
                clientId = reader.GetString();
            }
            else if (isClientId && reader.TokenType != JsonTokenType.Null)
            {
                errors.Add(new FieldError(name!, $"'{name}' must be a string."));
                reader.Skip();
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
                errors.Add(new FieldError(name!, $"'{name}' must be an array when present."));
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }
        ReadToEnd(ref reader);
        return (new SyncEnvelope(new SyncBatchRequest(clientId, null, null), records, errors), null);
    }

    /// <summary>Anything after the root value throws here.</summary>
    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        reader.Skip();
        while (reader.Read())
        {
        }
    }
}
