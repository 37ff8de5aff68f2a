using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Sqlite
{
    /// <summary>
    /// Text search over page visits' title and URL: an external-content FTS5 table over "PageVisits" (keyed by its
    /// rowid, so it stores the index only, and no per-row column sizes: nothing is ranked), trigram tokenizer (any
    /// substring of three or more characters, case and diacritics folded), kept in step by triggers – every insert,
    /// update and delete of a visit, however it is made (upsert, single or bulk delete, the cascade of an account
    /// deletion), updates the index in the same transaction. A later migration that rebuilds "PageVisits" (EF's table
    /// rebuild on SQLite) drops these triggers and renumbers rowids: it must create them again and end with the
    /// 'rebuild' below.
    /// </summary>
    public partial class PageVisitSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "PageVisitsSearch" USING fts5(
                    "Title", "Url", content='PageVisits', content_rowid='rowid', columnsize=0, tokenize='trigram remove_diacritics 1');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "PageVisits_SearchInsert" AFTER INSERT ON "PageVisits" BEGIN
                    INSERT INTO "PageVisitsSearch"(rowid, "Title", "Url") VALUES (new.rowid, new."Title", new."Url");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "PageVisits_SearchDelete" AFTER DELETE ON "PageVisits" BEGIN
                    INSERT INTO "PageVisitsSearch"("PageVisitsSearch", rowid, "Title", "Url") VALUES ('delete', old.rowid, old."Title", old."Url");
                END;
                """);
            // Only when the text changed: most re-sent visits update durations, not the title or URL.
            migrationBuilder.Sql("""
                CREATE TRIGGER "PageVisits_SearchUpdate" AFTER UPDATE OF "Title", "Url" ON "PageVisits"
                WHEN old."Title" IS NOT new."Title" OR old."Url" IS NOT new."Url" BEGIN
                    INSERT INTO "PageVisitsSearch"("PageVisitsSearch", rowid, "Title", "Url") VALUES ('delete', old.rowid, old."Title", old."Url");
                    INSERT INTO "PageVisitsSearch"(rowid, "Title", "Url") VALUES (new.rowid, new."Title", new."Url");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "PageVisitsSearch"("PageVisitsSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "PageVisits_SearchUpdate";""");
            migrationBuilder.Sql("""DROP TRIGGER "PageVisits_SearchDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER "PageVisits_SearchInsert";""");
            migrationBuilder.Sql("""DROP TABLE "PageVisitsSearch";""");
        }
    }
}
