using FluentValidation;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// PostgreSQL's text type cannot hold NUL (U+0000); SQLite can. So that both engines behave the same, text with a NUL
/// is refused on every engine before it reaches the database, with a message that says why – never a 500. (JSON
/// blobs are stored as JSON text, where a NUL stays the escape sequence \u0000, so they keep it.)
/// </summary>
public static class StorableText
{
    public const string Message = "'{PropertyName}' must not contain NUL (U+0000) characters.";

    public static bool IsStorable(string? text) => text is null || !text.Contains('\0', StringComparison.Ordinal);

    public static IRuleBuilderOptions<T, string?> Storable<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsStorable).WithMessage(Message);
}
