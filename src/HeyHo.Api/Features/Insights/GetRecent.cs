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
    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        [AsParameters] Request request, IValidator<Request> validator, ClaimsPrincipal caller, HeyHoDbContext db,
        TimeProvider clock, IOptions<InsightsOptions> options, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var userId = caller.UserId();
        var range = await request.ResolveAsync(userId, db, clock, ct);
        var (start, end) = (range.Start, range.End);
        var rows = await db.Set<PageVisit>().AsNoTracking()
            .Where(v => v.UserId == userId && v.StartedAt >= start && v.StartedAt < end)
            .OrderByDescending(v => v.StartedAt).ThenByDescending(v => v.Id)
            .Take(request.Limit ?? DefaultLimit)
            .Select(v => new { v.Id, v.Url, v.Title, Domain = v.Domain == null || v.Domain == "" ? v.Url : v.Domain, v.StartedAt, v.Duration, v.EndedAt, v.ActiveDuration })
            .ToListAsync(ct);

        var gap = options.Value.SessionGapMinutes * 60_000L;
        var sessions = new List<List<(Visit Visit, long Start, long End)>>();
        var sessionEnd = long.MinValue;
        foreach (var row in Enumerable.Reverse(rows))
        {
            var duration = VisitTime.Duration(row.StartedAt, row.Duration, row.EndedAt);
            if (sessions.Count == 0 || row.StartedAt - sessionEnd >= gap)
            {
                sessions.Add([]);
            }
            sessionEnd = Math.Max(sessions[^1].Count == 0 ? long.MinValue : sessionEnd, row.StartedAt + duration);
            sessions[^1].Add((new Visit(row.Id, row.Url, row.Title, VisitTime.Domain(row.Domain), SyncTime.ToDateTime(row.StartedAt),
                duration, VisitTime.Active(row.ActiveDuration, duration)), row.StartedAt, row.StartedAt + duration));
        }

        return TypedResults.Ok(new Response(range.From, range.To, range.Zone.Id, [.. Enumerable.Reverse(sessions).Select(s => new Session(
            SyncTime.ToDateTime(s[0].Start), SyncTime.ToDateTime(s.Max(v => v.End)), s.Count, s.Sum(v => v.Visit.ActiveTime),
            [.. Enumerable.Reverse(s).Select(v => v.Visit)]))]));
    }
}
