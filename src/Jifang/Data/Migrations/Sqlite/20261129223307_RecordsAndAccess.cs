using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordsAndAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Requester = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FromTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ToTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OpenedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OpenedRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OpenedDivision = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    OpenerCredential = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    UnitCertificate = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ConfidentialityPledged = table.Column<bool>(type: "INTEGER", nullable: false),
                    CosignedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CosignedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CosignedRole = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CosignedDivision = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    CosignerCredential = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CosignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CredentialsChecked = table.Column<bool>(type: "INTEGER", nullable: false),
                    CertificateChecked = table.Column<bool>(type: "INTEGER", nullable: false),
                    CitizenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CitizenIdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    CitizenPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AccessCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UnitConsent = table.Column<bool>(type: "INTEGER", nullable: true),
                    ConsentBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConsentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConsentNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PoliceApproval = table.Column<bool>(type: "INTEGER", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovalNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_access_requests_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_holds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProposedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleaseProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReleaseProposedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReleaseReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReleasedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReleasedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_holds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evidence_holds_units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SiteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StorageLocation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeletedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DeletionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_records_devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_records_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_records_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "access_registrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Persons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordIds = table.Column<string>(type: "TEXT", nullable: false),
                    AuditIndex = table.Column<long>(type: "INTEGER", nullable: false),
                    AuditLeafHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PackageSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Package = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_registrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_access_registrations_access_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "access_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "access_request_records",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_access_request_records", x => new { x.RequestId, x.RecordId });
                    table.ForeignKey(
                        name: "FK_access_request_records_access_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "access_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_access_request_records_records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_hold_records",
                columns: table => new
                {
                    HoldId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evidence_hold_records", x => new { x.HoldId, x.RecordId });
                    table.ForeignKey(
                        name: "FK_evidence_hold_records_evidence_holds_HoldId",
                        column: x => x.HoldId,
                        principalTable: "evidence_holds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_evidence_hold_records_records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "record_deletion_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PackId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Citations = table.Column<string>(type: "TEXT", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AuditIndex = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_record_deletion_attempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_record_deletion_attempts_records_RecordId",
                        column: x => x.RecordId,
                        principalTable: "records",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_access_registrations_PackageSha256",
                table: "access_registrations",
                column: "PackageSha256");

            migrationBuilder.CreateIndex(
                name: "IX_access_registrations_RequestId",
                table: "access_registrations",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_access_request_records_RecordId",
                table: "access_request_records",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_access_requests_Number",
                table: "access_requests",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_access_requests_SiteId_CreatedAt",
                table: "access_requests",
                columns: new[] { "SiteId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_evidence_hold_records_RecordId",
                table: "evidence_hold_records",
                column: "RecordId");

            migrationBuilder.CreateIndex(
                name: "IX_evidence_holds_UnitId_State",
                table: "evidence_holds",
                columns: new[] { "UnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_record_deletion_attempts_At",
                table: "record_deletion_attempts",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_record_deletion_attempts_RecordId_At",
                table: "record_deletion_attempts",
                columns: new[] { "RecordId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_records_DeviceId",
                table: "records",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_records_Sha256",
                table: "records",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_records_SiteId_StartsAt",
                table: "records",
                columns: new[] { "SiteId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_records_SystemId_StartsAt",
                table: "records",
                columns: new[] { "SystemId", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_registrations");

            migrationBuilder.DropTable(
                name: "access_request_records");

            migrationBuilder.DropTable(
                name: "evidence_hold_records");

            migrationBuilder.DropTable(
                name: "record_deletion_attempts");

            migrationBuilder.DropTable(
                name: "access_requests");

            migrationBuilder.DropTable(
                name: "evidence_holds");

            migrationBuilder.DropTable(
                name: "records");
        }
    }
}
