using FluentValidation;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// PostgreSQL's text type cannot hold NUL (U+0000); SQLite can. So that both engines behave the same, text with a NUL
/// – an email, a display name, a query filter, a sync request's client id – is refused on every engine before it
/// reaches the database, with a message that says why: never a 500. (Inside a synced record a NUL is repaired
/// instead, and JSON blobs keep it as the escape sequence \u0000.)
/// </summary>
public static class StorableText
{
    public const string Message = "'{PropertyName}' must not contain NUL (U+0000) characters.";

    public static bool IsStorable(string? text) => text is null || !text.Contains('\0', StringComparison.Ordinal);

    public static IRuleBuilderOptions<T, string?> Storable<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsStorable).WithMessage(Message);
}
