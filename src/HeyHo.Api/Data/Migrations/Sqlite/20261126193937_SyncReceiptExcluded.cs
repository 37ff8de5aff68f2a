using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyncReceiptExcluded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PageVisitsExcluded",
                table: "SyncReceipts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TabAggregatesExcluded",
                table: "SyncReceipts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PageVisitsExcluded",
                table: "SyncReceipts");

            migrationBuilder.DropColumn(
                name: "TabAggregatesExcluded",
                table: "SyncReceipts");
        }
    }
}
