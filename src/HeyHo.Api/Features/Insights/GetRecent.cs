using HeyHo.Api.Features.Sync;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Features.Insights;

public static class GetRecent
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public sealed record Request(string? From, string? To, string? Tz, int? Limit) : InsightsQuery(From, To, Tz);

    public sealed class Validator : InsightsQuery.Validator<Request>
    {
        public Validator() => RuleFor(r => r.Limit).InclusiveBetween(1, MaxLimit);
    }

    /// <summary><c>duration</c> and <c>activeTime</c> in milliseconds, as the figures count them (docs/insights.md).</summary>
    public sealed record Visit(string Id, string Url, string Title, string Domain, DateTime StartedAt, long Duration, long ActiveTime);

    /// <summary><c>start</c>: its first visit's start; <c>end</c>: the latest end of its visits; <c>visits</c>: newest first.</summary>
    public sealed record Session(DateTime Start, DateTime End, int VisitCount, long ActiveTime, IReadOnlyList<Visit> Visits);

    /// <summary>Sessions newest first.</summary>
    public sealed record Response(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<Session> Sessions);

    /// <summary>
    /// The range's latest <c>limit</c> visits, grouped into browsing sessions: a pause of <c>Insights:SessionGapMinutes</c>
    /// (30) or more between one visit's end and the next one's start begins a new session.
    /// </summary>
    public static Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, [AsParameters] InsightsCall call, IOptions<InsightsOptions> options) =>
        call.AnswerAsync(request, validator, async range =>
        {
            var (userId, start, end) = (call.UserId, range.Start, range.End);
            var latest = await call.Db.Set<PageVisit>().AsNoTracking()
                .Where(v => v.UserId == userId && v.StartedAt >= start && v.StartedAt < end)
                .OrderByDescending(v => v.StartedAt).ThenByDescending(v => v.Id)
                .Take(request.Limit ?? DefaultLimit)
                .Select(v => new Row(v.Id, v.Url, v.Title, v.Domain == null || v.Domain == "" ? v.Url : v.Domain, v.StartedAt, v.Duration, v.EndedAt, v.ActiveDuration))
                .ToListAsync(call.Ct);
            return new Response(range.From, range.To, range.Zone.Id, Sessions(latest, options.Value.SessionGapMinutes * 60_000L));
        });

    private sealed record Row(string Id, string Url, string Title, string DomainOrUrl, long StartedAt, long? Duration, long? EndedAt, long? ActiveDuration);

    /// <summary>Visits (newest first) in sessions (newest first): oldest to newest, a visit starting a gap or more after every earlier one ended opens the next.</summary>
    private static List<Session> Sessions(List<Row> newestFirst, long gap)
    {
        var sessions = new List<(List<Visit> Visits, long Start, long End)>();
        foreach (var row in Enumerable.Reverse(newestFirst))
        {
            var duration = VisitTime.Duration(row.StartedAt, row.Duration, row.EndedAt);
            var visit = new Visit(row.Id, row.Url, row.Title, VisitTime.Domain(row.DomainOrUrl), SyncTime.ToDateTime(row.StartedAt),
                duration, VisitTime.Active(row.ActiveDuration, duration));
            if (sessions.Count == 0 || row.StartedAt - sessions[^1].End >= gap)
            {
                sessions.Add(([], row.StartedAt, row.StartedAt));
            }
            var (visits, start, end) = sessions[^1];
            visits.Insert(0, visit);
            sessions[^1] = (visits, start, Math.Max(end, row.StartedAt + duration));
        }
        return [.. Enumerable.Reverse(sessions).Select(s => new Session(
            SyncTime.ToDateTime(s.Start), SyncTime.ToDateTime(s.End), s.Visits.Count, s.Visits.Sum(v => v.ActiveTime), s.Visits))];
    }
}
