namespace HeyHo.Api.Features.Sync;

public static class ListPageVisits
{
    /// <summary>GET /api/v1/data/page-visits: the caller's visits, newest first by the client's own startedAt, then id; keyset-paginated.</summary>
    public static readonly RecordList<PageVisit, PageVisitItem> Endpoint =
        new RecordList<PageVisit, PageVisitItem>(v => v.UserId, v => v.StartedAt, i => i.StartedAt, v => v.Domain, v => v.AnonymousClientId)
            .ThenBy(v => v.Id, i => i.Id);
}
