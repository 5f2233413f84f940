using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Sqlite
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

            migrationBuilder.CreateIndex(
                name: "IX_sites_DivisionCode_Name_Id",
                table: "sites",
                columns: new[] { "DivisionCode", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_sites_Name_Id",
                table: "sites",
                columns: new[] { "Name", "Id" });
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
