using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FindingUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "UnitId",
                table: "findings",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // The findings already stored take their site's unit (every later judgement writes it).
            migrationBuilder.Sql("""
                UPDATE findings SET "UnitId" = s."UnitId" FROM sites AS s WHERE s."Id" = findings."SiteId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_findings_UnitId",
                table: "findings",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_findings_UnitId",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "UnitId",
                table: "findings");
        }
    }
}
