using System.Globalization;
using System.Text.RegularExpressions;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Privacy;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// The privacy settings through the handlers of GET/PUT /api/v1/account/privacy: excluded domains one per line, query
/// stripping, retention. The time zone is the profile's and is sent back unchanged; the purge's counts are shown.
/// </summary>
public sealed partial class AccountPrivacyModel(HeyHoDbContext db, WriteGate gate, IValidator<UpdatePrivacy.Request> validator) : SignedInPageModel
{
    [BindProperty]
    public string? ExcludedDomains { get; set; }

    [BindProperty]
    public bool StripQueryStrings { get; set; }

    [BindProperty]
    public string? RetentionDays { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? PurgedVisits { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? PurgedAggregates { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (PurgedVisits is { } visits && PurgedAggregates is { } aggregates)
        {
            StatusMessage = $"Your privacy settings are saved. Removed for newly excluded domains: {visits} page visits and {aggregates} tab aggregates.";
        }
        if (await StoredAsync(ct) is not Ok<PrivacyChoices> { Value: { } choices } )
        {
            return await RefusedAsync(TypedResults.Unauthorized());
        }
        ExcludedDomains = string.Join('\n', choices.ExcludedDomains);
        StripQueryStrings = choices.StripQueryStrings;
        RetentionDays = choices.RetentionDays?.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await StoredAsync(ct) is not Ok<PrivacyChoices> { Value: { } stored })
        {
            return await RefusedAsync(TypedResults.Unauthorized());
        }
        int? days = null;
        if (!string.IsNullOrWhiteSpace(RetentionDays))
        {
            if (!int.TryParse(RetentionDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Refuse("retentionDays", "'retentionDays' must be a whole number of days from 1 to 3650, or empty to keep records forever.");
            }
            days = parsed;
        }
        var lines = (ExcludedDomains ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var request = new UpdatePrivacy.Request(lines, StripQueryStrings, days, stored.TimeZone);
        var result = (await UpdatePrivacy.Handle(request, validator, User, db, gate, ct)).Result;
        if (result is Ok<UpdatePrivacy.Response> { Value.Purged: var purged })
        {
            return LocalRedirect(Link(WebPaths.AccountPrivacy,
                ("purgedVisits", purged.PageVisits.ToString(CultureInfo.InvariantCulture)), ("purgedAggregates", purged.TabAggregates.ToString(CultureInfo.InvariantCulture))));
        }
        if (result is ValidationProblem validation)
        {
            return Refuse(ByLine(validation.ProblemDetails.Errors, lines));
        }
        return await RefusedAsync(result);
    }

    private async Task<IResult> StoredAsync(CancellationToken ct) => (await GetPrivacy.Handle(User, db, ct)).Result;

    /// <summary>The API names a bad domain by its index (<c>excludedDomains[2]</c>); the textarea's user reads its line.</summary>
    private static Dictionary<string, string[]> ByLine(IDictionary<string, string[]> errors, string[] lines) =>
        errors.GroupBy(e => Indexed().Match(e.Key) is { Success: true } m ? m.Groups["field"].Value : e.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.SelectMany(e => Indexed().Match(e.Key) is { Success: true } m
                && int.TryParse(m.Groups["index"].Value, CultureInfo.InvariantCulture, out var i) && i < lines.Length
                    ? e.Value.Select(message => $"Line {i + 1} ({lines[i]}): {message}")
                    : e.Value).ToArray(), StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(?<field>\w+)\[(?<index>\d+)\]$")]
    private static partial Regex Indexed();
}
