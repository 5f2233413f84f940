using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardAndListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sites_DivisionCode",
                table: "sites");

            migrationBuilder.DropIndex(
                name: "IX_sites_Name",
                table: "sites");

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "units",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "trend_snapshots",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "sites",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "findings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "contractors",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6);

            migrationBuilder.CreateIndex(
                name: "IX_sites_DivisionCode_Name_Id",
                table: "sites",
                columns: new[] { "DivisionCode", "Name", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "UnitId", "Archived" });

            migrationBuilder.CreateIndex(
                name: "IX_sites_Name_Id",
                table: "sites",
                columns: new[] { "Name", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "DivisionCode", "UnitId", "Archived" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sites_DivisionCode_Name_Id",
                table: "sites");

            migrationBuilder.DropIndex(
                name: "IX_sites_Name_Id",
                table: "sites");

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "units",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "trend_snapshots",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "sites",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "findings",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.AlterColumn<string>(
                name: "DivisionCode",
                table: "contractors",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(6)",
                oldMaxLength: 6,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_sites_DivisionCode",
                table: "sites",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_sites_Name",
                table: "sites",
                column: "Name");
        }
    }
}
