namespace HeyHo.Api.Features.Sync;

/// <summary>
/// Which domains a record belongs to, for excluded domains (at ingest and in the purge) and for deletes by domain –
/// one rule, applied to records as sent and as stored. A page visit belongs to its domain, or to its URL's host when
/// it has none. A tab aggregate belongs to its current domain (or its current URL's host) and to every domain its
/// domainDurations or statistics name, so deleting a domain leaves no tab summary that mentions it.
/// </summary>
internal static class RecordDomains
{
    public static bool PageVisitIn(DomainSet domains, string? domain, string? url) =>
        !domains.IsEmpty && domains.Covers(string.IsNullOrEmpty(domain) ? HostNames.HostOf(url) : domain);

    public static bool TabAggregateIn(DomainSet domains, string? currentDomain, string? currentUrl, string? domainDurations, string? statistics) =>
        !domains.IsEmpty && (domains.Covers(string.IsNullOrEmpty(currentDomain) ? HostNames.HostOf(currentUrl) : currentDomain)
            || domains.NamedIn(domainDurations) || domains.NamedIn(statistics));
}
