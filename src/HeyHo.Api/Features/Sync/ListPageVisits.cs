namespace HeyHo.Api.Features.Sync;

/// <summary>
/// GET /api/v1/data/page-visits: the caller's visits, newest first by the client's own startedAt, then id; keyset-paginated.
/// With <c>q</c>, only the visits whose title or URL contains every word of it, looked up in each engine's own index
/// (migration PageVisitSearch): an FTS5 table with the trigram tokenizer on SQLite, a pg_trgm GIN index on PostgreSQL.
/// </summary>
public static class ListPageVisits
{
    public const int MaxSearchLength = 200;

    /// <summary>A trigram index cannot look up a shorter word.</summary>
    public const int MinWordLength = 3;

    private static readonly RecordList<PageVisit, PageVisitItem> List =
        new RecordList<PageVisit, PageVisitItem>(v => v.UserId, v => v.StartedAt, i => i.StartedAt, v => v.Domain, v => v.AnonymousClientId)
            .ThenBy(v => v.Id, i => i.Id);

    /// <summary>
    /// The text search: q is split at white space; every word of at least <see cref="MinWordLength"/> characters must
    /// occur in the title or the URL, anywhere (a substring, not only a word's start), ignoring case and diacritics.
    /// Everything else in a word is literal: quotes, operators and wildcards match themselves.
    /// </summary>
    public sealed record Search(string? Q)
    {
        private string[]? _words;

        public string[] Words => _words ??= (Q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.EnumerateRunes().Count() >= MinWordLength).Distinct(StringComparer.Ordinal).ToArray();

        public sealed class Validator : JsonFieldValidator<Search>
        {
            public Validator() => RuleFor(s => s.Q).MaximumLength(MaxSearchLength).Storable()
                .Must((s, q) => string.IsNullOrWhiteSpace(q) || s.Words.Length > 0)
                .WithMessage($"'q' needs a word of at least {MinWordLength} characters.");
        }
    }

    public static async Task<Results<Ok<Page<PageVisitItem>>, ValidationProblem>> Handle(
        [AsParameters] ReadQuery query, [AsParameters] Search search, IValidator<ReadQuery> queryValidator, IValidator<Search> searchValidator,
        ClaimsPrincipal caller, HeyHoDbContext db, TypeAdapterConfig mappings, CancellationToken ct)
    {
        var validation = await queryValidator.ValidateAsync(query, ct);
        validation.Errors.AddRange((await searchValidator.ValidateAsync(search, ct)).Errors);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var visits = search.Words.Length == 0 ? db.Set<PageVisit>() : Matching(db, search.Words);
        return await List.PageAsync(visits, query, caller, mappings, ct);
    }

    /// <summary>Every visit (of any user: the caller's filter comes after) that contains all the words, each word a parameter.</summary>
    private static IQueryable<PageVisit> Matching(HeyHoDbContext db, string[] words)
    {
        if (db.Database.IsNpgsql())
        {
            var conditions = words.Select((_, i) => $$"""heyho_search_text("Title", "Url") LIKE heyho_search_pattern({{{i}}})""");
            var sql = "SELECT * FROM \"PageVisits\" WHERE " + string.Join(" AND ", conditions);
            return db.Set<PageVisit>().FromSqlRaw(sql, [.. words]);
        }
        // One FTS5 phrase per word: inside double quotes (doubled when in the word) nothing is query syntax.
        var phrases = string.Join(' ', words.Select(w => '"' + w.Replace("\"", "\"\"", StringComparison.Ordinal) + '"'));
        return db.Set<PageVisit>().FromSql(
            $"""SELECT * FROM "PageVisits" WHERE rowid IN (SELECT rowid FROM "PageVisitsSearch" WHERE "PageVisitsSearch" MATCH {phrases})""");
    }
}
