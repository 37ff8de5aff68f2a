using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Features.Sync;

public static class ListTabAggregates
{
    /// <summary>
    /// The caller's tab aggregates, newest first by the client's own startTime (stable while the tab lives on and
    /// its aggregate is replaced), then browser installation and tab id; keyset-paginated. The domain filter
    /// matches the tab's current domain.
    /// </summary>
    public static async Task<Results<Ok<Page<TabAggregateItem>>, ValidationProblem>> Handle(
        [AsParameters] ReadQuery query, IValidator<ReadQuery> validator, ClaimsPrincipal caller, HeyHoDbContext db, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var userId = caller.UserId();
        var aggregates = db.Set<TabAggregate>().AsNoTracking().Where(a => a.UserId == userId);
        if (query.FromMs is { } from)
        {
            aggregates = aggregates.Where(a => a.StartTime >= from);
        }
        if (query.ToMs is { } to)
        {
            aggregates = aggregates.Where(a => a.StartTime < to);
        }
        if (query.Domain is { } domain)
        {
            aggregates = aggregates.Where(a => a.CurrentDomain == domain);
        }
        if (query.ClientId is { } clientId)
        {
            aggregates = aggregates.Where(a => a.AnonymousClientId == clientId);
        }
        if (query.Cursor is { } cursor)
        {
            if (!PageCursor.TryDecode(cursor, out var position) || position.Length != 3
                || !long.TryParse(position[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var tabId))
            {
                return Validation.Problem("cursor", PageCursor.Invalid);
            }

            var (time, client) = (PageCursor.Time(position), position[1]);
            aggregates = aggregates.Where(a => a.StartTime < time
                || (a.StartTime == time && (string.Compare(a.AnonymousClientId, client) < 0
                    || (a.AnonymousClientId == client && a.TabId < tabId))));
        }

        var items = await aggregates
            .OrderByDescending(a => a.StartTime).ThenByDescending(a => a.AnonymousClientId).ThenByDescending(a => a.TabId)
            .Take(query.PageSize + 1)
            .ProjectToType<TabAggregateItem>()
            .ToListAsync(ct);
        return TypedResults.Ok(Page.FromOverfetch(items, query.PageSize,
            last => PageCursor.Encode(new DateTimeOffset(last.StartTime).ToUnixTimeMilliseconds(), last.AnonymousClientId,
                last.TabId.ToString(CultureInfo.InvariantCulture))));
    }
}
