namespace HeyHo.Api.Web;

/// <summary>
/// One labelled form field, rendered by Pages/Shared/_Field.cshtml: label, input, hint and error, tied together with
/// <c>aria-describedby</c> and <c>aria-invalid</c>.
/// </summary>
public sealed record Field(string Name, string Label, string Type = "text")
{
    public string? Value { get; init; }

    public string? Autocomplete { get; init; }

    public string? Hint { get; init; }

    public string? Error { get; init; }

    public bool Required { get; init; } = true;

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? InputMode { get; init; }

    public string? Pattern { get; init; }

    public string Id => "f-" + Name;

    public string? DescribedBy => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
