using System.Globalization;
using System.Text;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// GET /api/v1/data/page-visits: the caller's visits, newest first by the client's own startedAt, then id; keyset-paginated.
/// With <c>q</c>, only the visits whose title or URL has a word starting with each word of it, looked up in each
/// engine's own word index (migration PageVisitWordSearch): FTS5 with the unicode61 tokenizer on SQLite, a GIN index
/// over a stored tsvector column on PostgreSQL.
/// </summary>
public static class ListPageVisits
{
    public const int MaxSearchLength = 200;

    /// <summary>A one-letter prefix would match nearly every visit.</summary>
    public const int MinWordLength = 2;

    /// <summary>Each word is a prefix lookup over the index: a q of 200 characters could otherwise ask for ~65.</summary>
    public const int MaxWords = 8;

    private static readonly RecordList<PageVisit, PageVisitItem> List =
        new RecordList<PageVisit, PageVisitItem>(v => v.UserId, v => v.StartedAt, i => i.StartedAt, v => v.Domain, v => v.AnonymousClientId)
            .ThenBy(v => v.Id, i => i.Id);

    /// <summary>
    /// The text search: words are runs of letters and digits (everything else separates them, in q as in the title
    /// and URL); every word of q with at least <see cref="MinWordLength"/> characters must start a word of the title
    /// or the URL, ignoring case and diacritics – `stack` finds stackoverflow.com, `overflow` does not.
    /// </summary>
    public sealed record Search(string? Q)
    {
        private string[]? _words;

        public string[] Words => _words ??= WordsOf(Q ?? "");

        /// <summary>The words of q with at least <see cref="MinWordLength"/> letters or digits (marks alone fold away).</summary>
        private static string[] WordsOf(string q)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var characters = 0;
            foreach (var rune in q.EnumerateRunes().Append(new Rune(' ')))
            {
                if (IsWordPart(rune))
                {
                    word.Append(rune.ToString());
                    characters += Rune.GetUnicodeCategory(rune) is >= UnicodeCategory.NonSpacingMark and <= UnicodeCategory.EnclosingMark ? 0 : 1;
                    continue;
                }
                if (characters >= MinWordLength)
                {
                    words.Add(word.ToString());
                }
                word.Clear();
                characters = 0;
            }
            return [.. words.Distinct(StringComparer.Ordinal)];
        }

        /// <summary>What the SQLite index takes for a word's character (its tokenizer's categories L* N* Co M*).</summary>
        private static bool IsWordPart(Rune rune) => Rune.GetUnicodeCategory(rune) switch
        {
            >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.OtherNumber => true, // L*, then M*, then N*
            UnicodeCategory.PrivateUse => true,
            _ => false,
        };

        public sealed class Validator : JsonFieldValidator<Search>
        {
            public Validator() => RuleFor(s => s.Q).MaximumLength(MaxSearchLength).Storable()
                .Must((s, q) => string.IsNullOrWhiteSpace(q) || s.Words.Length > 0)
                .WithMessage($"'q' needs a word of at least {MinWordLength} characters.")
                .Must((s, _) => s.Words.Length <= MaxWords)
                .WithMessage($"'q' can have at most {MaxWords} words.");
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

    /// <summary>Every visit (of any user: the caller's filter comes after) with all the word prefixes, each word a parameter.</summary>
    private static IQueryable<PageVisit> Matching(HeyHoDbContext db, string[] words)
    {
        if (db is PostgresHeyHoDbContext)
        {
            var queries = words.Select((_, i) => $"heyho_search_prefix({{{i}}})");
            var sql = "SELECT * FROM \"PageVisits\" WHERE \"SearchWords\" @@ (" + string.Join(" && ", queries) + ")";
            return db.Set<PageVisit>().FromSqlRaw(sql, [.. words]);
        }
        // One FTS5 prefix query per word ("word"*), all required; a word holds no quote or query syntax (see Search).
        var prefixes = string.Join(' ', words.Select(w => '"' + w + "\"*"));
        return db.Set<PageVisit>().FromSql(
            $"""SELECT * FROM "PageVisits" WHERE rowid IN (SELECT rowid FROM "PageVisitsSearch" WHERE "PageVisitsSearch" MATCH {prefixes})""");
    }
}
