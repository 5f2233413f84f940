using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlarmNetworking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alarm_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Citation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuditIndex = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarm_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alarm_credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SecretHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RotatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RotatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarm_credentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alarm_credentials_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    CredentialId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Device = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DismissReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UnhandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PoliceLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PoliceReason = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LevelSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    AcknowledgedLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alarms_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    From = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_maintenance_windows_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "system_watch",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastHeartbeatAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WatchedSince = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StateSince = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ShutDownActId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_system_watch", x => x.SystemId);
                    table.ForeignKey(
                        name: "FK_system_watch_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "watch_clock",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastTickAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_watch_clock", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alarm_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AlarmId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PoliceDivision = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Citation = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AuditIndex = table.Column<long>(type: "INTEGER", nullable: true),
                    AuditLeafHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarm_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_alarm_steps_alarms_AlarmId",
                        column: x => x.AlarmId,
                        principalTable: "alarms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_alerts_DivisionCode_At",
                table: "alarm_alerts",
                columns: new[] { "DivisionCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_alerts_SystemId_At",
                table: "alarm_alerts",
                columns: new[] { "SystemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_alerts_UnitId_At",
                table: "alarm_alerts",
                columns: new[] { "UnitId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_credentials_SystemId",
                table: "alarm_credentials",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_alarm_steps_AlarmId_At",
                table: "alarm_steps",
                columns: new[] { "AlarmId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_alarm_steps_AuditIndex",
                table: "alarm_steps",
                column: "AuditIndex");

            migrationBuilder.CreateIndex(
                name: "IX_alarms_DivisionCode_ReceivedAt",
                table: "alarms",
                columns: new[] { "DivisionCode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_PoliceLevel_AcknowledgedAt_LevelSince",
                table: "alarms",
                columns: new[] { "PoliceLevel", "AcknowledgedAt", "LevelSince" });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_SiteId",
                table: "alarms",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_alarms_Status_ReceivedAt",
                table: "alarms",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_SystemId_ExternalId",
                table: "alarms",
                columns: new[] { "SystemId", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alarms_UnitId_ReceivedAt",
                table: "alarms",
                columns: new[] { "UnitId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_windows_SystemId_Until",
                table: "maintenance_windows",
                columns: new[] { "SystemId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_system_watch_State",
                table: "system_watch",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alarm_alerts");

            migrationBuilder.DropTable(
                name: "alarm_credentials");

            migrationBuilder.DropTable(
                name: "alarm_steps");

            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropTable(
                name: "system_watch");

            migrationBuilder.DropTable(
                name: "watch_clock");

            migrationBuilder.DropTable(
                name: "alarms");
        }
    }
}
