using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Sqlite
{
    /// <summary>
    /// Text search by words instead of trigrams: the FTS5 table of PageVisitSearch rebuilt with the unicode61 tokenizer
    /// (words are runs of letters, digits and combining marks – a decomposed "è", a Devanagari vowel sign – case and
    /// diacritics folded), looked up by word prefix. A word index holds
    /// ~20 entries per visit where trigrams held ~130, and indexing at ingest costs a quarter (docs/performance.md).
    /// Only the table changes: the triggers of PageVisitSearch name it and keep it in step as before.
    /// </summary>
    public partial class PageVisitWordSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "unicode61 remove_diacritics 2 categories ''L* N* Co M*''");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => Recreate(migrationBuilder, "trigram remove_diacritics 1");

        private static void Recreate(MigrationBuilder migrationBuilder, string tokenizer)
        {
            migrationBuilder.Sql("""DROP TABLE "PageVisitsSearch";""");
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "PageVisitsSearch" USING fts5(
                    "Title", "Url", content='PageVisits', content_rowid='rowid', columnsize=0, tokenize='{tokenizer}');
                """);
            migrationBuilder.Sql("""INSERT INTO "PageVisitsSearch"("PageVisitsSearch") VALUES ('rebuild');""");
        }
    }
}
