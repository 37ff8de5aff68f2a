namespace HeyHo.Api.Features.Sync;

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
