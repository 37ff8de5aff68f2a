namespace HeyHo.Api.Features.Insights;

/// <summary>Visits, total and active time per label of a <see cref="TimeGrid"/> (a local day, a weekday's hour).</summary>
public sealed class GridTotals(TimeGrid grid, int labels)
{
    public long[] Visits { get; } = new long[labels];

    public long[] TotalTime { get; } = new long[labels];

    public long[] ActiveTime { get; } = new long[labels];

    public void Add(BrowsingTime.Entry entry)
    {
        if (entry.Visits > 0 && grid.LabelAt(entry.Start) is var label and >= 0)
        {
            Visits[label] += entry.Visits;
        }
        foreach (var piece in grid.Split(entry.Start, entry.Length))
        {
            TotalTime[piece.Label] += TimeGrid.Share(entry.Total, piece);
            ActiveTime[piece.Label] += TimeGrid.Share(entry.Active, piece);
        }
    }
}
