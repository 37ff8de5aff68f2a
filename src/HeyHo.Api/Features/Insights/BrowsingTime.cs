using System.Text.Json;
using HeyHo.Api.Features.Sync;

namespace HeyHo.Api.Features.Insights;

/// <summary>
/// The caller's time for a span of epoch milliseconds, read once: every page visit that may reach into it, then the
/// time of tab aggregates that no page visit of the same tab overlaps (so that nothing is counted twice).
/// </summary>
public static class BrowsingTime
{
    /// <summary>
    /// Time spread evenly over [Start, Start + Length): <see cref="Total"/> and <see cref="Active"/> milliseconds under
    /// <see cref="Domain"/> ("" when not asked for); <see cref="Visits"/> is 1 for a page visit, 0 for a tab aggregate's time.
    /// </summary>
    public readonly record struct Entry(long Start, long Length, long Total, long Active, string Domain, int Visits);

    private readonly record struct VisitRow(long StartedAt, long? Duration, long? EndedAt, long? ActiveDuration, string? Domain, string? ClientId, bool OfSoleClient, long? TabId);

    private sealed record TabRow(string ClientId, long TabId, long StartTime, long LastActiveTime, string? DomainDurations)
    {
        public long End => Math.Min(LastActiveTime, StartTime + VisitTime.MaxTabSpan);

        public bool Overlapped { get; set; }
    }

    /// <summary>Calls <paramref name="add"/> for each entry whose time may fall in [start, end) – some may lie wholly outside.</summary>
    public static async Task ReadAsync(HeyHoDbContext db, string userId, long start, long end, bool domains, Action<Entry> add, CancellationToken ct)
    {
        var tabs = await db.Set<TabAggregate>().AsNoTracking()
            .Where(a => a.UserId == userId && a.StartTime >= start - VisitTime.MaxTabSpan && a.StartTime < end && a.LastActiveTime >= start)
            .Select(a => new TabRow(a.AnonymousClientId, a.TabId, a.StartTime, a.LastActiveTime, a.DomainDurations))
            .ToListAsync(ct);
        var tabsById = tabs.GroupBy(t => (t.ClientId, t.TabId)).ToDictionary(g => g.Key, g => g.ToArray());

        // Every visit that reaches into the span, and every one that may overlap one of those tab aggregates.
        var from = Math.Min(start, tabs.Count > 0 ? tabs.Min(t => t.StartTime) : start) - VisitTime.MaxVisitSpan;
        var to = Math.Max(end, tabs.Count > 0 ? tabs.Max(t => t.End) + 1 : end);
        var withTabs = tabs.Count > 0;
        // Mostly all aggregates come from one browser: then the database says whether a visit does too, and no client id is read.
        var clients = tabs.Select(t => t.ClientId).Distinct().ToList();
        var (sole, several) = (clients.Count == 1 ? clients[0] : null, clients.Count > 1);
        var visits = db.Set<PageVisit>().AsNoTracking()
            .Where(v => v.UserId == userId && v.StartedAt >= from && v.StartedAt < to)
            .Select(v => new VisitRow(
                v.StartedAt, v.Duration, v.EndedAt, v.ActiveDuration,
                domains ? (v.Domain == null || v.Domain == "" ? v.Url : v.Domain) : null,
                several ? v.AnonymousClientId : null,
                sole != null && v.AnonymousClientId == sole,
                withTabs ? v.TabId : null));
        await foreach (var visit in visits.AsAsyncEnumerable().WithCancellation(ct))
        {
            var duration = VisitTime.Duration(visit.StartedAt, visit.Duration, visit.EndedAt);
            if ((visit.OfSoleClient ? sole : visit.ClientId) is { } clientId && visit.TabId is { } tabId
                && tabsById.TryGetValue((clientId, tabId), out var sameTab))
            {
                foreach (var tab in sameTab)
                {
                    tab.Overlapped |= visit.StartedAt <= tab.End && visit.StartedAt + duration >= tab.StartTime;
                }
            }
            add(new Entry(visit.StartedAt, duration, duration, VisitTime.Active(visit.ActiveDuration, duration),
                visit.Domain is { } domain ? VisitTime.Domain(domain) : "", 1));
        }

        foreach (var tab in tabs.Where(t => !t.Overlapped))
        {
            var length = tab.End - tab.StartTime;
            foreach (var (domain, time) in DomainTimes(tab.DomainDurations, length))
            {
                add(new Entry(tab.StartTime, length, time, time, domains ? domain : "", 0));
            }
        }
    }

    /// <summary>
    /// A tab aggregate's domainDurations: each domain (lower-cased) with its milliseconds (positive numbers, at most the
    /// longest span; anything else is ignored), scaled down together when they add up to more than the aggregate's span.
    /// </summary>
    private static IEnumerable<(string Domain, long Time)> DomainTimes(string? json, long length)
    {
        var times = new Dictionary<string, long>(StringComparer.Ordinal);
        if (json is not null && length > 0)
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Name.Length > 0 && property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var ms) && ms > 0)
                    {
                        var domain = property.Name.ToLowerInvariant();
                        times[domain] = (long)Math.Min(times.GetValueOrDefault(domain) + ms, VisitTime.MaxTabSpan);
                    }
                }
            }
        }
        var sum = times.Values.Sum();
        return sum <= length ? times.Select(t => (t.Key, t.Value)) : times.Select(t => (t.Key, t.Value * length / sum));
    }
}
