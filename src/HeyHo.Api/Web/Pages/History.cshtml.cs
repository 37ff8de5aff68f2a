using HeyHo.Api.Data;
using HeyHo.Api.Features.Sync;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// The caller's page visits, newest first, filtered and searched and paged exactly as GET /api/v1/data/page-visits
/// (its handler, in process); deleting one visit or a domain's visits runs the API's delete handlers.
/// </summary>
public sealed class HistoryModel(
    HeyHoDbContext db, TypeAdapterConfig mappings, WriteGate gate, IValidator<ReadQuery> queryValidator,
    IValidator<ListPageVisits.Search> searchValidator, IValidator<BulkDelete.Query> bulkValidator) : SignedInPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Domain { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    /// <summary>How many visits the last delete removed (shown after its redirect).</summary>
    [BindProperty(SupportsGet = true)]
    public long? Deleted { get; set; }

    public IReadOnlyList<PageVisitItem> Visits { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public bool Filtered => new[] { Domain, From, To, Q }.Any(f => !string.IsNullOrWhiteSpace(f));

    /// <summary>This page's address with the current filters, plus <paramref name="extra"/>.</summary>
    public string Here(params (string Name, string? Value)[] extra) =>
        Link(WebPaths.History, [("domain", Domain), ("from", From), ("to", To), ("q", Q), .. extra]);

    public static string OnlyDomain(string domain) => Link(WebPaths.History, ("domain", domain));

    public static string DomainOf(PageVisitItem visit) =>
        visit.Domain is { Length: > 0 } domain ? domain : Uri.TryCreate(visit.Url, UriKind.Absolute, out var url) ? url.Host : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Deleted is { } count)
        {
            StatusMessage = count == 1 ? "1 visit deleted." : $"{count} visits deleted.";
        }
        return await ListAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string? id, CancellationToken ct)
    {
        var result = (await DeletePageVisit.Handle(id ?? "", User, db, gate, ct)).Result;
        if (result is NoContent)
        {
            return LocalRedirect(Here(("deleted", "1")));
        }
        return await ListAsync(ct) ?? await RefusedAsync(result);
    }

    public async Task<IActionResult> OnPostDeleteDomainAsync(CancellationToken ct)
    {
        var result = (await DeletePageVisits.Handle(new BulkDelete.Query(Blank(Domain), null, null), bulkValidator, User, db, gate, ct)).Result;
        if (result is Ok<BulkDelete.Response> ok)
        {
            return LocalRedirect(Here(("deleted", ok.Value!.Deleted.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        return await ListAsync(ct) ?? await RefusedAsync(result);
    }

    /// <summary>Loads the visits; a refusal of the filters is the answer (null: listed).</summary>
    private async Task<IActionResult?> ListAsync(CancellationToken ct)
    {
        await LoadZoneAsync(db, ct);
        var errors = new Dictionary<string, string[]>();
        var from = Day(From, "from", 0, errors);
        var to = Day(To, "to", 1, errors);
        if (errors.Count > 0)
        {
            return Refuse(errors);
        }
        var query = new ReadQuery(from, to, Blank(Domain)?.Trim(), null, PageSize, Blank(Cursor));
        var result = (await ListPageVisits.Handle(query, new ListPageVisits.Search(Blank(Q)), queryValidator, searchValidator, User, db, mappings, ct)).Result;
        if (result is not Ok<Page<PageVisitItem>> ok)
        {
            return await RefusedAsync(result);
        }
        Visits = ok.Value!.Items;
        NextCursor = ok.Value.NextCursor;
        return null;
    }

    /// <summary>A date picker's day as the API's instant: the start of the day (<c>from</c>) or of the next (<c>to</c>, inclusive).</summary>
    private string? Day(string? date, string field, int days, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(date))
        {
            return null;
        }
        if (!LocalTimes.TryStartOfDay(date.Trim(), Zone, days, out var ms))
        {
            errors[field] = [$"'{field}' must be a date ({LocalTimes.DateFormat})."];
            return null;
        }
        return ms.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
