namespace HeyHo.Api.Features.Insights;

public static class GetSummary
{
    public sealed record Request(string? From, string? To, string? Tz) : InsightsQuery(From, To, Tz);

    public sealed class Validator : InsightsQuery.Validator<Request>;

    /// <summary>
    /// <c>engagement</c>: activeTime ÷ totalTime (null without time); <c>topDomain</c>: the domain with the most active
    /// time (then the most visits, then the first by name), null when the range holds nothing.
    /// </summary>
    public sealed record Figures(long Visits, int Domains, long TotalTime, long ActiveTime, double? Engagement, string? TopDomain);

    /// <summary><c>percent</c>: the change relative to the previous range's figure, null when that is 0.</summary>
    public sealed record CountChange(long Absolute, double? Percent);

    /// <summary><c>absolute</c>: null when either range has no engagement; <c>percent</c> as for counts.</summary>
    public sealed record RateChange(double? Absolute, double? Percent);

    public sealed record Changes(CountChange Visits, CountChange Domains, CountChange TotalTime, CountChange ActiveTime, RateChange Engagement);

    /// <summary>Times in milliseconds; <c>previous</c> is the range of the same length just before (<c>previousFrom</c> … <c>previousTo</c>).</summary>
    public sealed record Response(
        DateOnly From, DateOnly To, string TimeZone, Figures Current,
        DateOnly PreviousFrom, DateOnly PreviousTo, Figures Previous, Changes Change);

    /// <summary>The range's figures beside those of the range of the same length before it.</summary>
    public static Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, [AsParameters] InsightsCall call) =>
        call.AnswerAsync(request, validator, async range =>
        {
            var previous = range.Previous;
            var totals = await call.DomainTotalsAsync(TimeGrid.Ranges(previous, range), labels: 2);
            var (before, now) = (Summarise(totals.Rows(0)), Summarise(totals.Rows(1)));
            return new Response(
                range.From, range.To, range.Zone.Id, now, previous.From, previous.To, before,
                new Changes(
                    Change(now.Visits, before.Visits), Change(now.Domains, before.Domains),
                    Change(now.TotalTime, before.TotalTime), Change(now.ActiveTime, before.ActiveTime),
                    new RateChange(
                        now.Engagement - before.Engagement is { } difference ? Math.Round(difference, 4) : null,
                        Percent(now.Engagement, before.Engagement))));
        });

    private static Figures Summarise(List<DomainTotals.Row> domains)
    {
        var (total, active) = (domains.Sum(d => d.TotalTime), domains.Sum(d => d.ActiveTime));
        return new Figures(domains.Sum(d => d.Visits), domains.Count, total, active, DomainTotals.Ratio(active, total), domains.FirstOrDefault()?.Domain);
    }

    private static CountChange Change(long now, long before) => new(now - before, Percent(now, before));

    private static double? Percent(double? now, double? before) =>
        now is { } n && before is { } b && b != 0 ? Math.Round((n - b) * 100 / b, 1) : null;
}
