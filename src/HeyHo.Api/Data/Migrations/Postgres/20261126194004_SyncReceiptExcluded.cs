using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Postgres
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TabAggregatesExcluded",
                table: "SyncReceipts",
                type: "integer",
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
