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
    private static readonly RecordList<TabAggregate, TabAggregateItem> List =
        new RecordList<TabAggregate, TabAggregateItem>(a => a.StartTime, i => i.StartTime, a => a.CurrentDomain, a => a.AnonymousClientId)
            .ThenBy(a => a.AnonymousClientId, i => i.AnonymousClientId)
            .ThenBy(a => a.TabId, i => i.TabId);

    /// <summary>
    /// The caller's tab aggregates, newest first by the client's own startTime (stable while the tab lives on and
    /// its aggregate is replaced), then browser installation and tab id; keyset-paginated. The domain filter
    /// matches the tab's current domain.
    /// </summary>
    public static Task<Results<Ok<Page<TabAggregateItem>>, ValidationProblem>> Handle(
        [AsParameters] ReadQuery query, IValidator<ReadQuery> validator, ClaimsPrincipal caller, HeyHoDbContext db,
        TypeAdapterConfig mappings, CancellationToken ct)
    {
        var userId = caller.UserId();
        return List.ReadAsync(db.Set<TabAggregate>().AsNoTracking().Where(a => a.UserId == userId), query, validator, mappings, ct);
    }
}
