namespace HeyHo.Api.Features.Insights;

public static class GetDomains
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const string ByTime = "time";
    public const string ByVisits = "visits";

    /// <summary><c>sortBy</c>: <c>time</c> (active time, the default) or <c>visits</c>.</summary>
    public sealed record Request(string? From, string? To, string? Tz, int? Limit, string? SortBy) : InsightsQuery(From, To, Tz);

    public sealed class Validator : InsightsQuery.Validator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Limit).InclusiveBetween(1, MaxLimit);
            RuleFor(r => r.SortBy).Must(s => s is null or ByTime or ByVisits).WithMessage($"'sortBy' must be '{ByTime}' or '{ByVisits}'.");
        }
    }

    /// <summary><c>share</c>: this domain's part of all domains' active time (sortBy=time) or visits (sortBy=visits); null when that total is 0.</summary>
    public sealed record Item(string Domain, long Visits, long TotalTime, long ActiveTime, double? Share);

    /// <summary><c>domains</c>: how many domains the range holds in all; <c>items</c>: the first <c>limit</c> of them. Times in milliseconds.</summary>
    public sealed record Response(DateOnly From, DateOnly To, string TimeZone, string SortBy, int Domains, IReadOnlyList<Item> Items);

    /// <summary>The range's domains, most active time (or most visits) first.</summary>
    public static Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, [AsParameters] InsightsCall call) =>
        call.AnswerAsync(request, validator, async range =>
        {
            var rows = (await call.DomainTotalsAsync(TimeGrid.Ranges(range), labels: 1)).Rows(0);
            var sortBy = request.SortBy ?? ByTime;
            Func<DomainTotals.Row, long> key = sortBy == ByVisits ? r => r.Visits : r => r.ActiveTime;
            var all = rows.Sum(key);
            var top = sortBy == ByVisits
                ? rows.OrderByDescending(r => r.Visits).ThenByDescending(r => r.ActiveTime).ThenBy(r => r.Domain, StringComparer.Ordinal)
                : rows.AsEnumerable(); // already most active time first
            return new Response(range.From, range.To, range.Zone.Id, sortBy, rows.Count, [.. top
                .Take(request.Limit ?? DefaultLimit)
                .Select(r => new Item(r.Domain, r.Visits, r.TotalTime, r.ActiveTime, DomainTotals.Ratio(key(r), all)))]);
        });
}
