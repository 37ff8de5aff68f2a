using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// The first of two passes over a sync body: the whole body is read (so a syntax error anywhere surfaces) and the
/// envelope's fields type-checked, while the records are only counted and measured. The envelope may nest
/// <see cref="SyncLimits.MaxJsonDepth"/> levels; a record that nests deeper is refused on its own by the second pass.
/// </summary>
internal sealed record SyncEnvelope(SyncBatchRequest Request, int Records, HashSet<int> TooDeep, bool Repaired, List<FieldError> Errors)
{
    /// <summary>Deep enough for any body within the size limit, so that depth never fails the reader: the passes measure it.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = SyncLimits.MaxBodyBytes };

    /// <summary>
    /// Returns the envelope, or why the body cannot be read at all. Lone surrogates are repaired in the body first
    /// (<see cref="LoneSurrogates"/>); <see cref="Repaired"/> says whether there were any.
    /// </summary>
    public static (SyncEnvelope? Envelope, string? Unreadable) Read(Span<byte> body)
    {
        // The JSON reader checks UTF-8 only when a string is read; checking it once here keeps bad bytes a 400.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, "The request body is not valid UTF-8.");
        }
        var repaired = LoneSurrogates.Repair(body);
        try
        {
            return ReadObject(body, repaired);
        }
        catch (JsonException)
        {
            return (null, TooDeepOrInvalid);
        }
    }

    /// <summary>Whether the value at the reader nests deeper than the limit (counted from the body's root); reads past it.</summary>
    public static bool NestsTooDeep(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return false;
        }
        var depth = reader.CurrentDepth;
        var tooDeep = depth >= SyncLimits.MaxJsonDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            tooDeep |= reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= SyncLimits.MaxJsonDepth;
        }
        return tooDeep;
    }

    private static readonly string TooDeepOrInvalid = $"The request body is not valid JSON, or it nests deeper than {SyncLimits.MaxJsonDepth} levels.";

    private static (SyncEnvelope?, string?) ReadObject(ReadOnlySpan<byte> body, bool repaired)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            ReadToEnd(ref reader);
            return (null, "The request body must be a JSON object.");
        }

        var errors = new List<FieldError>();
        var tooDeep = new HashSet<int>();
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
                if (repaired && reader.ValueSpan.IndexOf(LoneSurrogates.Marker) >= 0)
                {
                    errors.Add(new FieldError(name!, $"'{name}' must not hold a lone surrogate (half of a UTF-16 pair)."));
                }
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
                    if (NestsTooDeep(ref reader))
                    {
                        tooDeep.Add(records);
                    }
                    records++;
                }
            }
            else if (isRecords && reader.TokenType != JsonTokenType.Null)
            {
                errors.Add(new FieldError(name!, $"'{name}' must be an array when present."));
                reader.Skip();
            }
            else if (NestsTooDeep(ref reader))
            {
                return (null, TooDeepOrInvalid);
            }
        }
        ReadToEnd(ref reader);
        return (new SyncEnvelope(new SyncBatchRequest(clientId, null, null), records, tooDeep, repaired, errors), null);
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
