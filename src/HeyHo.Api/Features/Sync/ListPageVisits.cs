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
    private static readonly RecordList<PageVisit, PageVisitItem> List =
        new RecordList<PageVisit, PageVisitItem>(v => v.StartedAt, i => i.StartedAt, v => v.Domain, v => v.AnonymousClientId)
            .ThenBy(v => v.Id, i => i.Id);

    /// <summary>The caller's visits, newest first by the client's own startedAt, then id; keyset-paginated.</summary>
    public static Task<Results<Ok<Page<PageVisitItem>>, ValidationProblem>> Handle(
        [AsParameters] ReadQuery query, IValidator<ReadQuery> validator, ClaimsPrincipal caller, HeyHoDbContext db,
        TypeAdapterConfig mappings, CancellationToken ct)
    {
        var userId = caller.UserId();
        return List.ReadAsync(db.Set<PageVisit>().AsNoTracking().Where(v => v.UserId == userId), query, validator, mappings, ct);
    }
}
