using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Postgres
{
    /// <summary>
    /// Text search over page visits' title and URL: a pg_trgm GIN index over one folded text (lower case, diacritics
    /// removed by unaccent), which answers LIKE '%word%' for any substring of three or more characters. Both extensions
    /// are trusted (PostgreSQL 13+), so the database's owner creates them without being a superuser. The two functions
    /// are IMMUTABLE wrappers (unaccent itself is only STABLE, which an index expression cannot use); their SQL-standard
    /// bodies (PostgreSQL 14+) bind unaccent and its dictionary when created, whatever the search_path later.
    /// </summary>
    public partial class PageVisitSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_text(title text, url text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN lower(unaccent('unaccent'::regdictionary, title || ' ' || url));
                """);
            // The word folded as the text is, then its LIKE wildcards escaped (folding can make them: '％' becomes '%').
            migrationBuilder.Sql("""
                CREATE FUNCTION heyho_search_pattern(word text) RETURNS text
                    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                    RETURN '%' || replace(replace(replace(lower(unaccent('unaccent'::regdictionary, word)), '\', '\\'), '%', '\%'), '_', '\_') || '%';
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_PageVisits_Search" ON "PageVisits" USING gin (heyho_search_text("Title", "Url") gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_PageVisits_Search";""");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_pattern(text);");
            migrationBuilder.Sql("DROP FUNCTION heyho_search_text(text, text);");
        }
    }
}
