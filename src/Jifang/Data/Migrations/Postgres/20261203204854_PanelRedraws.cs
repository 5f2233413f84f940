using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PanelRedraws : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<int>>(
                name: "RedrawSeeds",
                table: "review_panels",
                type: "integer[]",
                nullable: false,
                // Panels drawn before re-draws existed had none.
                defaultValueSql: "'{}'::integer[]");

            migrationBuilder.AddColumn<int>(
                name: "Draw",
                table: "review_panel_members",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReplacedAt",
                table: "review_panel_members",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RedrawSeeds",
                table: "review_panels");

            migrationBuilder.DropColumn(
                name: "Draw",
                table: "review_panel_members");

            migrationBuilder.DropColumn(
                name: "ReplacedAt",
                table: "review_panel_members");
        }
    }
}
