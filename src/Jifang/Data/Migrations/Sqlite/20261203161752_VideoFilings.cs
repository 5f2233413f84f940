using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VideoFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "filing_counters",
                columns: table => new
                {
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Next = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filing_counters", x => new { x.DivisionCode, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "video_filings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    PreviousId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    SiteName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeviceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DeviceKinds = table.Column<string>(type: "TEXT", nullable: false),
                    RetentionDays = table.Column<int>(type: "INTEGER", nullable: true),
                    InServiceSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Changes = table.Column<string>(type: "TEXT", nullable: false),
                    FirstSubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SubmittedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    NumberYear = table.Column<int>(type: "INTEGER", nullable: true),
                    NumberSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_video_filings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_video_filings_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "video_filing_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FilingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_video_filing_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_video_filing_steps_video_filings_FilingId",
                        column: x => x.FilingId,
                        principalTable: "video_filings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_video_filing_steps_FilingId_At",
                table: "video_filing_steps",
                columns: new[] { "FilingId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_video_filings_DivisionCode_NumberYear_NumberSequence",
                table: "video_filings",
                columns: new[] { "DivisionCode", "NumberYear", "NumberSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_video_filings_DivisionCode_State",
                table: "video_filings",
                columns: new[] { "DivisionCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_video_filings_Number",
                table: "video_filings",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_video_filings_SystemId_SubmittedAt",
                table: "video_filings",
                columns: new[] { "SystemId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_video_filings_UnitId",
                table: "video_filings",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "filing_counters");

            migrationBuilder.DropTable(
                name: "video_filing_steps");

            migrationBuilder.DropTable(
                name: "video_filings");
        }
    }
}
