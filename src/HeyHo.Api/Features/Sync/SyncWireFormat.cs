using System.Globalization;
using System.Text.Json;

namespace HeyHo.Api.Features.Sync;

public sealed record FieldError(string Field, string Message);

/// <summary>A page visit as the extension sends it, after type checks; ranges are the validator's job.</summary>
public sealed class PageVisitInput
{
    public string? Id { get; set; }
    public string? AnonymousClientId { get; set; }
    public long? TabId { get; set; }
    public string? Url { get; set; }
    public string? Domain { get; set; }
    public string? Title { get; set; }
    public long? StartedAt { get; set; }
    public long? EndedAt { get; set; }
    public long? Duration { get; set; }
    public long? DurationSeconds { get; set; }
    public long? ActiveDuration { get; set; }
    public double? EngagementRate { get; set; }
    public long? LastHeartbeat { get; set; }
    public bool? IsActive { get; set; }
    public string? IdlePeriods { get; set; }
    public string? Category { get; set; }
    public double? CategoryConfidence { get; set; }
    public string? CategoryMethod { get; set; }
    public string? Metadata { get; set; }
    public long? ClosedAt { get; set; }
    public long? OpenedAt { get; set; }
    public string? SourcePageVisitId { get; set; }
}

/// <summary>A tab aggregate as the extension sends it; identified by (anonymousClientId, tabId, startTime).</summary>
public sealed class TabAggregateInput
{
    public string? AnonymousClientId { get; set; }
    public long? TabId { get; set; }
    public long? StartTime { get; set; }
    public long? LastActiveTime { get; set; }
    public long? TotalActiveDuration { get; set; }
    public string? DomainDurations { get; set; }
    public long? PageCount { get; set; }
    public string? CurrentUrl { get; set; }
    public string? CurrentDomain { get; set; }
    public string? Statistics { get; set; }
    public long? ClosedAt { get; set; }
    public bool? IsOpen { get; set; }
}

/// <summary>
/// Reads the extension's records field by field, so a wrong type in one record refuses that record, not the batch.
/// Unknown fields are ignored; <c>id</c>/<c>visitId</c> and <c>startedAt</c>/<c>timestamp</c> are aliases; times
/// are epoch milliseconds or ISO-8601 strings.
/// </summary>
internal readonly struct WireRecord(JsonElement element, List<FieldError> errors)
{
    public static PageVisitInput ReadPageVisit(JsonElement element, string? requestClientId, List<FieldError> errors)
    {
        var r = new WireRecord(element, errors);
        return new PageVisitInput
        {
            Id = r.TextAlias("id", "visitId"),
            AnonymousClientId = r.Text("anonymousClientId") ?? requestClientId,
            TabId = r.Integer("tabId"),
            Url = r.Text("url"),
            Domain = r.Text("domain"),
            Title = r.Text("title"),
            StartedAt = r.TimeAlias("startedAt", "timestamp"),
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

    private void Error(string field, string message) => errors.Add(new FieldError(field, message));

    private string? Text(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        Error(name, $"'{name}' must be a string.");
        return null;
    }

    private string? TextAlias(string name, string alias)
    {
        var first = Text(name);
        var second = Text(alias);
        if (first is not null && second is not null && first != second)
        {
            Error(name, $"'{name}' and '{alias}' must be equal when both are sent.");
        }
        return first ?? second;
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
        Error(name, $"'{name}' must be an integer.");
        return null;
    }

    private double? Number(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }
        Error(name, $"'{name}' must be a number.");
        return null;
    }

    private bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Error(name, $"'{name}' must be true or false.");
        return null;
    }

    private long? Time(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms))
        {
            return ms;
        }
        if (value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: >= 10 } text
            && char.IsAsciiDigit(text[0]) && text[4] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }
        Error(name, $"'{name}' must be epoch milliseconds or an ISO-8601 time.");
        return null;
    }

    private long? TimeAlias(string name, string alias)
    {
        var first = Time(name);
        var second = Time(alias);
        if (first is not null && second is not null && first != second)
        {
            Error(name, $"'{name}' and '{alias}' must be equal when both are sent.");
        }
        return first ?? second;
    }

    private string? Raw(string name, JsonValueKind kind)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == kind)
        {
            // Re-written compactly: the client's own whitespace (newlines included) must not reach NDJSON lines.
            return JsonSerializer.Serialize(value);
        }
        Error(name, $"'{name}' must be a JSON {(kind == JsonValueKind.Object ? "object" : "array")}.");
        return null;
    }
}
