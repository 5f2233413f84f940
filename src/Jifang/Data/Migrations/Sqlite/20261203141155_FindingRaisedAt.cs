using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FindingRaisedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RaisedAt",
                table: "findings",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // A finding already open was raised no later than it was last judged: its best known age.
            migrationBuilder.Sql("UPDATE findings SET \"RaisedAt\" = \"JudgedAt\"");

            migrationBuilder.CreateIndex(
                name: "IX_findings_DivisionCode_RaisedAt",
                table: "findings",
                columns: new[] { "DivisionCode", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_findings_DivisionCode_RaisedAt",
                table: "findings");

            migrationBuilder.DropColumn(
                name: "RaisedAt",
                table: "findings");
        }
    }
}
