namespace HeyHo.Api.Features.Privacy;

/// <summary>
/// A user's privacy settings as GET /api/v1/account/privacy shows them: the excluded domains (sorted, in their stored
/// form), whether stored URLs lose their query and fragment, how many days records are kept (null: forever), and the
/// IANA time zone the user's days are counted in (null: UTC). A user who never chose has the defaults.
/// </summary>
public sealed record PrivacyChoices(IReadOnlyList<string> ExcludedDomains, bool StripQueryStrings, int? RetentionDays, string? TimeZone);
