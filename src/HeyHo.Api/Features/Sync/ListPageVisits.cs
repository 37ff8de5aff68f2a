using System.Security.Claims;
using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Features.Sync;

public static class ListPageVisits
{
    /// <summary>The caller's visits, newest first by the client's own startedAt, then id; keyset-paginated.</summary>
    public static async Task<Results<Ok<Page<PageVisitItem>>, ValidationProblem>> Handle(
        [AsParameters] ReadQuery query, IValidator<ReadQuery> validator, ClaimsPrincipal caller, HeyHoDbContext db, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var userId = caller.UserId();
        var visits = db.Set<PageVisit>().AsNoTracking().Where(v => v.UserId == userId);
        if (query.FromMs is { } from)
        {
            visits = visits.Where(v => v.StartedAt >= from);
        }
        if (query.ToMs is { } to)
        {
            visits = visits.Where(v => v.StartedAt < to);
        }
        if (query.Domain is { } domain)
        {
            visits = visits.Where(v => v.Domain == domain);
        }
        if (query.ClientId is { } clientId)
        {
            visits = visits.Where(v => v.AnonymousClientId == clientId);
        }
        if (query.Cursor is { } cursor)
        {
            if (!PageCursor.TryDecode(cursor, out var position) || position.Length != 2)
            {
                return Validation.Problem("cursor", PageCursor.Invalid);
            }

            var (time, id) = (PageCursor.Time(position), position[1]);
            visits = visits.Where(v => v.StartedAt < time || (v.StartedAt == time && string.Compare(v.Id, id) < 0));
        }

        var items = await visits.OrderByDescending(v => v.StartedAt).ThenByDescending(v => v.Id)
            .Take(query.PageSize + 1)
            .ProjectToType<PageVisitItem>()
            .ToListAsync(ct);
        return TypedResults.Ok(Page.FromOverfetch(items, query.PageSize,
            last => PageCursor.Encode(new DateTimeOffset(last.StartedAt).ToUnixTimeMilliseconds(), last.Id)));
    }
}
