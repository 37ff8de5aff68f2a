using System.Globalization;
using System.Text;
using FluentValidation;
using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Features.Sync;

/// <summary>The query both read-back lists take: a time window, filters, a page size and an opaque keyset cursor.</summary>
public sealed record ReadQuery(string? From, string? To, string? Domain, string? ClientId, int? Limit, string? Cursor)
{
    public int PageSize => Limit ?? SyncLimits.DefaultPageSize;

    public long? FromMs => TryParseTime(From, out var ms) ? ms : null;

    public long? ToMs => TryParseTime(To, out var ms) ? ms : null;

    /// <summary>Epoch milliseconds or an ISO-8601 time.</summary>
    public static bool TryParseTime(string? text, out long ms)
    {
        ms = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ms))
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            ms = time.ToUnixTimeMilliseconds();
            return true;
        }
        return false;
    }

    public sealed class Validator : AbstractValidator<ReadQuery>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, SyncLimits.MaxPageSize);
            RuleFor(q => q.From).Must(t => t is null || TryParseTime(t, out _)).WithMessage("'from' must be epoch milliseconds or an ISO-8601 time.");
            RuleFor(q => q.To).Must(t => t is null || TryParseTime(t, out _)).WithMessage("'to' must be epoch milliseconds or an ISO-8601 time.");
            RuleFor(q => q.Cursor).Must(c => c is null || PageCursor.TryDecode(c, out _)).WithMessage(PageCursor.Invalid);
            RuleFor(q => q.Domain).Storable();
            RuleFor(q => q.ClientId).Storable();
        }
    }
}

/// <summary>Opaque keyset position: the sort key of the last item of a page (time, then identity parts).</summary>
public static class PageCursor
{
    public const string Invalid = "'cursor' is not a cursor this API issued.";

    public static string Encode(long time, params string[] keys) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', [time.ToString(CultureInfo.InvariantCulture), .. keys])))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out string[] parts)
    {
        parts = [];
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n');
            return parts.Length >= 2 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                && parts.All(StorableText.IsStorable); // no key this API stores holds a NUL
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static long Time(string[] parts) => long.Parse(parts[0], CultureInfo.InvariantCulture);
}

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Page
{
    /// <summary>
    /// Builds a page from a query that fetched one item more than the page size: that extra item only says there
    /// is a next page, whose cursor is the sort key of the last item kept.
    /// </summary>
    public static Page<T> FromOverfetch<T>(List<T> items, int pageSize, Func<T, string> cursorOf)
    {
        if (items.Count <= pageSize)
        {
            return new Page<T>(items, null);
        }
        items.RemoveAt(items.Count - 1);
        return new Page<T>(items, cursorOf(items[^1]));
    }
}
