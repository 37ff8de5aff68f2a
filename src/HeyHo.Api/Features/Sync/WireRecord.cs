using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// Reads the extension's records field by field, so a wrong type in one record refuses that record, not the batch.
/// Unknown fields are ignored; <c>id</c>/<c>visitId</c> and <c>startedAt</c>/<c>timestamp</c> are aliases.
/// Type checks only: what a value may be is the validators' job.
/// </summary>
internal readonly struct WireRecord(JsonElement element, List<FieldError> errors)
{
    public static PageVisitInput ReadPageVisit(JsonElement element, string? requestClientId, List<FieldError> errors)
    {
        var r = new WireRecord(element, errors);
        return new PageVisitInput
        {
            Id = r.Alias(r.Text, "id", "visitId"),
            AnonymousClientId = r.Text("anonymousClientId") ?? requestClientId,
            TabId = r.Integer("tabId"),
            Url = r.Text("url"),
            Domain = r.Text("domain"),
            Title = r.Text("title"),
            StartedAt = r.Alias(r.Time, "startedAt", "timestamp"),
            EndedAt = r.Time("endedAt"),
            Duration = r.Integer("duration"),
            DurationSeconds = r.Integer("durationSeconds"),
            ActiveDuration = r.Integer("activeDuration"),
            EngagementRate = r.Number("engagementRate"),
            LastHeartbeat = r.Time("lastHeartbeat"),
            IsActive = r.Boolean("isActive"),
            IdlePeriods = r.Raw("idlePeriods", JsonValueKind.Array),
            Category = r.Text("category"),
            CategoryConfidence = r.Number("categoryConfidence"),
            CategoryMethod = r.Text("categoryMethod"),
            Metadata = r.Raw("metadata", JsonValueKind.Object),
            ClosedAt = r.Time("closedAt"),
            OpenedAt = r.Time("openedAt"),
            SourcePageVisitId = r.Text("sourcePageVisitId"),
        };
    }

    public static TabAggregateInput ReadTabAggregate(JsonElement element, string? requestClientId, List<FieldError> errors)
    {
        var r = new WireRecord(element, errors);
        return new TabAggregateInput
        {
            AnonymousClientId = r.Text("anonymousClientId") ?? requestClientId,
            TabId = r.Integer("tabId"),
            StartTime = r.Time("startTime"),
            LastActiveTime = r.Time("lastActiveTime"),
            TotalActiveDuration = r.Integer("totalActiveDuration"),
            DomainDurations = r.Raw("domainDurations", JsonValueKind.Object),
            PageCount = r.Integer("pageCount"),
            CurrentUrl = r.Text("currentUrl"),
            CurrentDomain = r.Text("currentDomain"),
            Statistics = r.Raw("statistics", JsonValueKind.Object),
            ClosedAt = r.Time("closedAt"),
            IsOpen = r.Boolean("isOpen"),
        };
    }

    private bool TryGet(string name, out JsonElement value) =>
        element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private T? Refuse<T>(string name, string expected)
    {
        errors.Add(new FieldError(name, $"'{name}' must be {expected}."));
        return default;
    }

    private string? Text(string name) =>
        !TryGet(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : Refuse<string>(name, "a string");

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
            errors.Add(new FieldError(name, $"'{name}' and '{alias}' must be equal when both are sent."));
        }
        return first ?? second;
    }

    private string? Raw(string name, JsonValueKind kind) =>
        !TryGet(name, out var value) ? null
        // Re-written compactly: the client's own whitespace (newlines included) must not reach NDJSON lines.
        : value.ValueKind == kind ? JsonSerializer.Serialize(value)
        : Refuse<string>(name, kind == JsonValueKind.Object ? "a JSON object" : "a JSON array");
}
