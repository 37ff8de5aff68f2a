using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HeyHo.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyncRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PageVisits",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AnonymousClientId = table.Column<string>(type: "TEXT", nullable: true),
                    TabId = table.Column<long>(type: "INTEGER", nullable: true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Domain = table.Column<string>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Duration = table.Column<long>(type: "INTEGER", nullable: true),
                    ActiveDuration = table.Column<long>(type: "INTEGER", nullable: true),
                    EngagementRate = table.Column<double>(type: "REAL", nullable: true),
                    LastHeartbeat = table.Column<long>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: true),
                    IdlePeriods = table.Column<string>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", nullable: true),
                    CategoryConfidence = table.Column<double>(type: "REAL", nullable: true),
                    CategoryMethod = table.Column<string>(type: "TEXT", nullable: true),
                    Metadata = table.Column<string>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SourcePageVisitId = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PageVisits", x => new { x.UserId, x.Id });
                    table.ForeignKey(
                        name: "FK_PageVisits_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SyncReceipts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AnonymousClientId = table.Column<string>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PageVisitsReceived = table.Column<int>(type: "INTEGER", nullable: false),
                    PageVisitsInserted = table.Column<int>(type: "INTEGER", nullable: false),
                    PageVisitsUpdated = table.Column<int>(type: "INTEGER", nullable: false),
                    PageVisitsUnchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    PageVisitsRejected = table.Column<int>(type: "INTEGER", nullable: false),
                    TabAggregatesReceived = table.Column<int>(type: "INTEGER", nullable: false),
                    TabAggregatesInserted = table.Column<int>(type: "INTEGER", nullable: false),
                    TabAggregatesUpdated = table.Column<int>(type: "INTEGER", nullable: false),
                    TabAggregatesUnchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    TabAggregatesRejected = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncReceipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SyncReceipts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TabAggregates",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AnonymousClientId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TabId = table.Column<long>(type: "INTEGER", nullable: false),
                    StartTime = table.Column<long>(type: "INTEGER", nullable: false),
                    LastActiveTime = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalActiveDuration = table.Column<long>(type: "INTEGER", nullable: true),
                    DomainDurations = table.Column<string>(type: "TEXT", nullable: true),
                    PageCount = table.Column<int>(type: "INTEGER", nullable: true),
                    CurrentUrl = table.Column<string>(type: "TEXT", nullable: true),
                    CurrentDomain = table.Column<string>(type: "TEXT", nullable: true),
                    Statistics = table.Column<string>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TabAggregates", x => new { x.UserId, x.AnonymousClientId, x.TabId, x.StartTime });
                    table.ForeignKey(
                        name: "FK_TabAggregates_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PageVisits_UserId_AnonymousClientId",
                table: "PageVisits",
                columns: new[] { "UserId", "AnonymousClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_PageVisits_UserId_StartedAt_Id",
                table: "PageVisits",
                columns: new[] { "UserId", "StartedAt", "Id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_SyncReceipts_UserId_ReceivedAt",
                table: "SyncReceipts",
                columns: new[] { "UserId", "ReceivedAt" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "IX_TabAggregates_UserId_StartTime_AnonymousClientId_TabId",
                table: "TabAggregates",
                columns: new[] { "UserId", "StartTime", "AnonymousClientId", "TabId" },
                descending: new[] { false, true, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PageVisits");

            migrationBuilder.DropTable(
                name: "SyncReceipts");

            migrationBuilder.DropTable(
                name: "TabAggregates");
        }
    }
}
