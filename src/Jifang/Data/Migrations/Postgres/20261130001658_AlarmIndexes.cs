using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlarmIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_alarms_SystemId_ExternalId",
                table: "alarms");

            migrationBuilder.CreateIndex(
                name: "IX_alarms_ExternalId_SystemId",
                table: "alarms",
                columns: new[] { "ExternalId", "SystemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alarms_SystemId_OccurredAt",
                table: "alarms",
                columns: new[] { "SystemId", "OccurredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_alarms_ExternalId_SystemId",
                table: "alarms");

            migrationBuilder.DropIndex(
                name: "IX_alarms_SystemId_OccurredAt",
                table: "alarms");

            migrationBuilder.CreateIndex(
                name: "IX_alarms_SystemId_ExternalId",
                table: "alarms",
                columns: new[] { "SystemId", "ExternalId" },
                unique: true);
        }
    }
}
