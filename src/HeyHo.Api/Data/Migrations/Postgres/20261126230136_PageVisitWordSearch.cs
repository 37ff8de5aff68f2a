using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Postgres
{
    /// <summary>
    /// Text search by words instead of trigrams. The pg_trgm index of PageVisitSearch is replaced by a GIN index over a
    /// stored generated column "SearchWords" (not in the EF model: only the search reads it): the title and URL
    /// lower-cased, unaccented, punctuation turned into spaces so that a URL splits into its words (the default parser
    /// would keep `stackoverflow.com/questions/1` whole), as a tsvector without positions ('simple': no stemming, no stop
    /// words), looked up by word prefix (`'word':*`). Stored, so a plan that walks the caller's visits and filters them
    /// compares words instead of re-parsing each row. Adding the column rewrites the table once. The column pins "Title"
    /// and "Url": a later migration that changes their type must drop it and the index first and add them again, and
    /// stored words are not refreshed should unaccent's rules change (an UPDATE of the two columns refreshes them).
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
            // The word's lexemes as the column has them (folded, split by the same parser), each a prefix, all required;
            // a word that folds to nothing is an empty query, which matches nothing and drops out of an AND.
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_prefix(word text) RETURNS tsquery
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN (SELECT to_tsquery('simple'::regconfig, coalesce(string_agg('''' || replace(lexeme, '''', '''''') || ''':*', ' & '), ''))
                        FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, heyho_search_fold(word)))) AS lexeme);
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "PageVisits" ADD COLUMN "SearchWords" tsvector
                    GENERATED ALWAYS AS (strip(to_tsvector('simple'::regconfig, heyho_search_fold("Title" || ' ' || "Url")))) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_PageVisits_Search" ON "PageVisits" USING gin ("SearchWords");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_PageVisits_Search";""");
            migrationBuilder.Sql("""ALTER TABLE "PageVisits" DROP COLUMN "SearchWords";""");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_prefix(text);");
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
