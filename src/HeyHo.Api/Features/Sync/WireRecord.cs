using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// Reads the extension's records field by field, so a wrong type in one record refuses that record, not the batch.
/// Unknown fields are ignored; <c>id</c>/<c>visitId</c> and <c>startedAt</c>/<c>timestamp</c> are aliases.
/// Type checks and repairs only: what a value may be is the validators' job. Text that PostgreSQL cannot store is
/// repaired, not refused – a NUL becomes U+FFFD, as a lone surrogate already has (<see cref="LoneSurrogates"/>) – and
/// each repair is noted; inside JSON blobs a NUL stays (stored as the escape \u0000).
/// </summary>
internal sealed class WireRecord(JsonElement element, string? requestClientId, bool marked)
{
    private static readonly string LoneSurrogateMarker = System.Text.Encoding.ASCII.GetString(LoneSurrogates.Marker);

    public List<FieldError> Errors { get; } = [];

    /// <summary>What was repaired, field by field; null when nothing was.</summary>
    public List<FieldError>? Repairs { get; private set; }

    public PageVisitInput ReadPageVisit() => new()
    {
        Id = Alias(Text, "id", "visitId"),
        AnonymousClientId = Text("anonymousClientId") ?? requestClientId,
        TabId = Integer("tabId"),
        Url = Text("url"),
        Domain = Text("domain"),
        Title = Text("title"),
        StartedAt = Alias(Time, "startedAt", "timestamp"),
        EndedAt = Time("endedAt"),
        Duration = Integer("duration"),
        DurationSeconds = Integer("durationSeconds"),
        ActiveDuration = Integer("activeDuration"),
        EngagementRate = Number("engagementRate"),
        LastHeartbeat = Time("lastHeartbeat"),
        IsActive = Boolean("isActive"),
        IdlePeriods = Raw("idlePeriods", JsonValueKind.Array),
        Category = Text("category"),
        CategoryConfidence = Number("categoryConfidence"),
        CategoryMethod = Text("categoryMethod"),
        Metadata = Raw("metadata", JsonValueKind.Object),
        ClosedAt = Time("closedAt"),
        OpenedAt = Time("openedAt"),
        SourcePageVisitId = Text("sourcePageVisitId"),
    };

    public TabAggregateInput ReadTabAggregate() => new()
    {
        AnonymousClientId = Text("anonymousClientId") ?? requestClientId,
        TabId = Integer("tabId"),
        StartTime = Time("startTime"),
        LastActiveTime = Time("lastActiveTime"),
        TotalActiveDuration = Integer("totalActiveDuration"),
        DomainDurations = Raw("domainDurations", JsonValueKind.Object),
        PageCount = Integer("pageCount"),
        CurrentUrl = Text("currentUrl"),
        CurrentDomain = Text("currentDomain"),
        Statistics = Raw("statistics", JsonValueKind.Object),
        ClosedAt = Time("closedAt"),
        IsOpen = Boolean("isOpen"),
    };

    private bool TryGet(string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private T? Refuse<T>(string name, string expected)
    {
        Errors.Add(new FieldError(name, $"'{name}' must be {expected}."));
        return default;
    }

    private void Repaired(string name, string what) =>
        (Repairs ??= []).Add(new FieldError(name, $"'{name}' held {what}; it is stored as U+FFFD."));

    private void NoteLoneSurrogates(string name, JsonElement value)
    {
        if (marked && value.GetRawText().Contains(LoneSurrogateMarker, StringComparison.Ordinal))
        {
            Repaired(name, "a lone surrogate (half of a UTF-16 pair)");
        }
    }

    private string? Text(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            return Refuse<string>(name, "a string");
        }
        NoteLoneSurrogates(name, value);
        var text = value.GetString()!;
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            Repaired(name, "a NUL character");
            text = text.Replace('\0', '\uFFFD');
        }
        return text;
    }

    private long? Integer(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out var integer))
            {
                return integer;
            }
            if (value.TryGetDouble(out var real) && real == Math.Floor(real) && Math.Abs(real) < 9.0e15)
            {
                return (long)real;
            }
        }
        return Refuse<long?>(name, "an integer");
    }

    private double? Number(string name) =>
        !TryGet(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) ? number
        : Refuse<double?>(name, "a number");

    private bool? Boolean(string name) =>
        !TryGet(name, out var value) ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : Refuse<bool?>(name, "true or false");

    private long? Time(string name) =>
        !TryGet(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) ? ms
        : value.ValueKind == JsonValueKind.String && SyncTime.TryParse(value.GetString(), out ms) ? ms
        : Refuse<long?>(name, SyncTime.Format);

    private T? Alias<T>(Func<string, T?> read, string name, string alias)
    {
        var first = read(name);
        var second = read(alias);
        if (first is not null && second is not null && !EqualityComparer<T>.Default.Equals(first, second))
        {
            Errors.Add(new FieldError(name, $"'{name}' and '{alias}' must be equal when both are sent."));
        }
        return first ?? second;
    }

    private string? Raw(string name, JsonValueKind kind)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind != kind)
        {
            return Refuse<string>(name, kind == JsonValueKind.Object ? "a JSON object" : "a JSON array");
        }
        NoteLoneSurrogates(name, value);
        // Re-written compactly: the client's own whitespace (newlines included) must not reach NDJSON lines.
        return JsonSerializer.Serialize(value);
    }
}
