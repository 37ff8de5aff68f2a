namespace HeyHo.Api.Features.Insights;

/// <summary>
/// Consecutive cells of time (epoch milliseconds) – local days, local hours, or whole ranges – each with a label the
/// figures are added up under, and the split of a span of time across the cells it overlaps.
/// </summary>
public sealed class TimeGrid
{
    private const long Hour = 3_600_000;
    private const long QuarterHour = 900_000;

    private readonly long[] _starts;
    private readonly int[] _labels;

    private TimeGrid(List<long> starts, List<int> labels, long end)
    {
        _starts = [.. starts];
        _labels = [.. labels];
        End = end;
    }

    public long Start => _starts[0];

    public long End { get; }

    /// <summary>Cells whose label is the index of the range (0, 1, …): [start₀, start₁), [start₁, start₂), …, [startₙ, end).</summary>
    public static TimeGrid Ranges(params InsightsRange[] ranges) => new(
        [.. ranges.Select(r => r.Start)], [.. Enumerable.Range(0, ranges.Length)], ranges[^1].End);

    /// <summary>One cell per local day, labelled by its index in the range.</summary>
    public static TimeGrid Days(InsightsRange range) => new(
        [.. range.Dates.Select(range.StartOfDay)], [.. Enumerable.Range(0, range.Days)], range.End);

    /// <summary>One cell per local hour, labelled weekday × 24 + hour (Monday = 0); a repeated hour is one cell, a skipped one none.</summary>
    public static TimeGrid Hours(InsightsRange range)
    {
        var starts = new List<long>(range.Days * 24);
        var labels = new List<int>(range.Days * 24);
        foreach (var date in range.Dates)
        {
            var (dayStart, dayEnd) = (range.StartOfDay(date), range.StartOfDay(date.AddDays(1)));
            var weekday = ((int)date.DayOfWeek + 6) % 7;
            var offset = Offset(range.Zone, dayStart);
            // Most days keep one offset: their hours are whole hours from the day's start. Others are walked a quarter hour at a time.
            var step = offset == Offset(range.Zone, dayEnd - 1) ? Hour : QuarterHour;
            for (var t = dayStart; t < dayEnd; t += step)
            {
                var label = (weekday * 24) + DateTimeOffset.FromUnixTimeMilliseconds(t + (long)Offset(range.Zone, t).TotalMilliseconds).Hour;
                if (labels.Count == 0 || labels[^1] != label)
                {
                    starts.Add(t);
                    labels.Add(label);
                }
            }
        }
        return new TimeGrid(starts, labels, range.End);
    }

    /// <summary>The label of the cell holding <paramref name="instant"/>, or -1 outside the grid.</summary>
    public int LabelAt(long instant) => instant < Start || instant >= End ? -1 : _labels[CellAt(instant)];

    /// <summary>The parts of the span [start, start + length) inside the grid, one per cell it overlaps; a span of no length has none.</summary>
    public Pieces Split(long start, long length) => new(this, start, length);

    /// <summary>
    /// The share of <paramref name="amount"/> that falls on <paramref name="piece"/> when the amount is spread evenly over
    /// its span: whole milliseconds, rounded so that the shares of all pieces of a span add up to the amount exactly.
    /// </summary>
    public static long Share(long amount, Piece piece) => piece.From == piece.SpanStart && piece.To == piece.SpanStart + piece.SpanLength
        ? amount
        : Upto(amount, piece, piece.To) - Upto(amount, piece, piece.From);

    // Both factors are at most a few days of milliseconds (see VisitTime), so the product stays far inside a long.
    private static long Upto(long amount, Piece piece, long instant) => amount * (instant - piece.SpanStart) / piece.SpanLength;

    private static TimeSpan Offset(TimeZoneInfo zone, long instant) =>
        zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(instant));

    private int CellAt(long instant)
    {
        var index = Array.BinarySearch(_starts, instant);
        return index >= 0 ? index : ~index - 1;
    }

    /// <summary>The part [From, To) of a span that lies in one cell, with the label of that cell.</summary>
    public readonly record struct Piece(int Label, long From, long To, long SpanStart, long SpanLength)
    {
        public long Length => To - From;
    }

    public struct Pieces(TimeGrid grid, long start, long length)
    {
        private readonly long _from = Math.Max(start, grid.Start);
        private readonly long _to = Math.Min(start + length, grid.End);
        private int _cell = -1;

        public Piece Current { get; private set; }

        public readonly Pieces GetEnumerator() => this;

        public bool MoveNext()
        {
            if (length <= 0 || _from >= _to)
            {
                return false;
            }
            _cell = _cell < 0 ? grid.CellAt(_from) : _cell + 1;
            if (_cell >= grid._starts.Length || grid._starts[_cell] >= _to)
            {
                return false;
            }
            var cellEnd = _cell + 1 < grid._starts.Length ? grid._starts[_cell + 1] : grid.End;
            Current = new Piece(grid._labels[_cell], Math.Max(_from, grid._starts[_cell]), Math.Min(_to, cellEnd), start, length);
            return true;
        }
    }
}
