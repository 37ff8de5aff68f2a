using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Postgres
{
    /// <summary>
    /// Text search by words instead of trigrams: the pg_trgm index of PageVisitSearch replaced by a GIN index over a
    /// tsvector of the title and URL – lower-cased, unaccented, punctuation turned into spaces so that a URL splits into
    /// its words (the default parser would keep `stackoverflow.com/questions/1` whole) – looked up by word prefix
    /// (`'word':*`). About a third of the trigram index's cost at ingest (docs/performance.md). The functions are
    /// IMMUTABLE wrappers as in PageVisitSearch; 'simple' keeps every word as it is (no stemming, no stop words).
    /// </summary>
    public partial class PageVisitWordSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_PageVisits_Search";""");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_pattern(text);");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_text(text, text);");
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_fold(text text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN regexp_replace(lower(unaccent('unaccent'::regdictionary, text)), '[[:punct:]]+', ' ', 'g');
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_words(title text, url text) RETURNS tsvector
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN to_tsvector('simple'::regconfig, heyho_search_fold(title || ' ' || url));
                """);
            // The word, folded, as a prefix (should folding split it, its pieces must follow each other, each a prefix).
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_prefix(word text) RETURNS tsquery
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN to_tsquery('simple'::regconfig, quote_literal(heyho_search_fold(word)) || ':*');
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_PageVisits_Search" ON "PageVisits" USING gin (heyho_search_words("Title", "Url"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_PageVisits_Search";""");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_prefix(text);");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_words(text, text);");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_fold(text);");
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_text(title text, url text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN lower(unaccent('unaccent'::regdictionary, title || ' ' || url));
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_pattern(word text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN '%' || replace(replace(replace(lower(unaccent('unaccent'::regdictionary, word)), '\', '\\'), '%', '\%'), '_', '\_') || '%';
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_PageVisits_Search" ON "PageVisits" USING gin (heyho_search_text("Title", "Url") gin_trgm_ops);
                """);
        }
    }
}
