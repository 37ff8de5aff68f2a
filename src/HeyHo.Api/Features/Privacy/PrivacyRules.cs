namespace HeyHo.Api.Features.Privacy;

/// <summary>What a user's privacy settings ask of the sync path: the domains whose records are not stored, and whether stored URLs lose their query and fragment.</summary>
public sealed record PrivacyRules(DomainSet Excluded, bool StripQueryStrings)
{
    private const string Query = """
        SELECT s."StripQueryStrings" AS "Strip", e."Domain" AS "Domain"
        FROM "AspNetUsers" AS u
        LEFT JOIN "PrivacySettings" AS s ON s."UserId" = u."Id"
        LEFT JOIN "ExcludedDomains" AS e ON e."UserId" = u."Id"
        WHERE u."Id" = {0}
        """;

    /// <summary>
    /// One small query in the caller's transaction. On PostgreSQL it share-locks the user's row, which a settings change
    /// updates first: a change and its purge then run wholly before or after a sync, never beside it. (On SQLite the
    /// write gate already puts them one after the other.)
    /// </summary>
    public static async Task<PrivacyRules> LoadForIngestAsync(HeyHoDbContext db, string userId, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<Row>(db is PostgresHeyHoDbContext ? Query + " FOR SHARE OF u" : Query, userId).ToListAsync(ct);
        return new PrivacyRules(
            new DomainSet(rows.Select(r => r.Domain).OfType<string>()), rows.Any(r => r.Strip == true));
    }

    /// <summary>The URL as it is stored: without its query and fragment when the user asked for that.</summary>
    public string? Store(string? url) => StripQueryStrings && url?.IndexOfAny(['?', '#']) is >= 0 and var cut ? url[..cut] : url;

    private sealed class Row
    {
        public bool? Strip { get; set; }

        public string? Domain { get; set; }
    }
}
