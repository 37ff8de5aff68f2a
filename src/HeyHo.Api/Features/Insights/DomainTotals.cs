namespace HeyHo.Api.Features.Insights;

/// <summary>Visits, total and active time per domain, per label of a <see cref="TimeGrid"/> (one label per range).</summary>
public sealed class DomainTotals(TimeGrid grid, int labels)
{
    public sealed record Row(string Domain, long Visits, long TotalTime, long ActiveTime);

    private readonly Dictionary<string, GridTotals> _byDomain = new(StringComparer.Ordinal);

    public void Add(BrowsingTime.Entry entry)
    {
        if (!_byDomain.TryGetValue(entry.Domain, out var totals))
        {
            _byDomain[entry.Domain] = totals = new GridTotals(grid, labels);
        }
        totals.Add(entry);
    }

    /// <summary>The domains with a visit or some time under one label, most active time first (then most visits, then by name).</summary>
    public List<Row> Rows(int label) => [.. _byDomain
        .Select(d => new Row(d.Key, d.Value.Visits[label], d.Value.TotalTime[label], d.Value.ActiveTime[label]))
        .Where(r => r.Visits > 0 || r.TotalTime > 0)
        .OrderByDescending(r => r.ActiveTime).ThenByDescending(r => r.Visits).ThenBy(r => r.Domain, StringComparer.Ordinal)];

    /// <summary>part ÷ whole to 4 decimals, null when the whole is 0.</summary>
    public static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
