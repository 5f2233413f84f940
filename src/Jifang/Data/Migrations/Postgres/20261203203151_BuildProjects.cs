using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BuildProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BuildProjectId",
                table: "systems",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DesignReviewPassed",
                table: "systems",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LifecycleSource",
                table: "systems",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "declared");

            migrationBuilder.AddColumn<Guid>(
                name: "PartyId",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "experts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false, collation: "C"),
                    Specialty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Employer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EmployerKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EmployerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Available = table.Column<bool>(type: "boolean", nullable: false),
                    Archived = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "testing_agencies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    DivisionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false, collation: "C"),
                    CertificateNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    QualifiedUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Archived = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_testing_agencies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "build_projects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false, collation: "C"),
                    PackId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PublicArea = table.Column<bool>(type: "boolean", nullable: false),
                    RiskLevel = table.Column<int>(type: "integer", nullable: false),
                    Investment = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: false),
                    PoliceLevel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ReviewRequired = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StateSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReturnedFrom = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReviewRound = table.Column<int>(type: "integer", nullable: false),
                    ReviewConclusion = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewOrganizer = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReviewOwnerSigned = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewPoliceSigned = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    TestingAgencyId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    AcceptanceConclusion = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    AcceptanceDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AcceptanceNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AcceptanceRecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AcceptanceSignedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    AcceptancePassed = table.Column<bool>(type: "boolean", nullable: false),
                    InServiceOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_build_projects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_build_projects_sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_build_projects_testing_agencies_TestingAgencyId",
                        column: x => x.TestingAgencyId,
                        principalTable: "testing_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_build_projects_units_OwnerUnitId",
                        column: x => x.OwnerUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "build_project_contractors",
                columns: table => new
                {
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_build_project_contractors", x => new { x.ProjectId, x.Role, x.ContractorId });
                    table.ForeignKey(
                        name: "FK_build_project_contractors_build_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "build_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_build_project_contractors_contractors_ContractorId",
                        column: x => x.ContractorId,
                        principalTable: "contractors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "build_project_corrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_build_project_corrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_build_project_corrections_build_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "build_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "build_project_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Party = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_build_project_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_build_project_documents_build_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "build_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "build_project_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    FromState = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ToState = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Party = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Citation = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_build_project_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_build_project_steps_build_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "build_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection_reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TestedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Conclusion = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FiledBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Items = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_inspection_reports_build_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "build_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_inspection_reports_testing_agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "testing_agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_panels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Candidates = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    Excluded = table.Column<List<string>>(type: "text[]", nullable: false),
                    DrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DrawnBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Conclusion = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_panels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_panels_build_projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "build_projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_panel_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PanelId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExpertId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Opinion = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Conditions = table.Column<List<string>>(type: "text[]", nullable: false),
                    FiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_panel_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_panel_members_experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_review_panel_members_review_panels_PanelId",
                        column: x => x.PanelId,
                        principalTable: "review_panels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_systems_BuildProjectId",
                table: "systems",
                column: "BuildProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_build_project_contractors_ContractorId",
                table: "build_project_contractors",
                column: "ContractorId");

            migrationBuilder.CreateIndex(
                name: "IX_build_project_corrections_ProjectId_Round_Position",
                table: "build_project_corrections",
                columns: new[] { "ProjectId", "Round", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_build_project_documents_ProjectId_Type",
                table: "build_project_documents",
                columns: new[] { "ProjectId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_build_project_steps_ProjectId_At",
                table: "build_project_steps",
                columns: new[] { "ProjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_build_projects_DivisionCode_State",
                table: "build_projects",
                columns: new[] { "DivisionCode", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_build_projects_OwnerUnitId",
                table: "build_projects",
                column: "OwnerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_build_projects_SiteId",
                table: "build_projects",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_build_projects_SiteUnitId",
                table: "build_projects",
                column: "SiteUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_build_projects_State_DueOn",
                table: "build_projects",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_build_projects_TestingAgencyId",
                table: "build_projects",
                column: "TestingAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_experts_DivisionCode_Name",
                table: "experts",
                columns: new[] { "DivisionCode", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_reports_AgencyId",
                table: "inspection_reports",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_reports_ProjectId_FiledAt",
                table: "inspection_reports",
                columns: new[] { "ProjectId", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_review_panel_members_ExpertId",
                table: "review_panel_members",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_review_panel_members_PanelId_ExpertId",
                table: "review_panel_members",
                columns: new[] { "PanelId", "ExpertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_panels_ProjectId_Round",
                table: "review_panels",
                columns: new[] { "ProjectId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_testing_agencies_DivisionCode_Name",
                table: "testing_agencies",
                columns: new[] { "DivisionCode", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "build_project_contractors");

            migrationBuilder.DropTable(
                name: "build_project_corrections");

            migrationBuilder.DropTable(
                name: "build_project_documents");

            migrationBuilder.DropTable(
                name: "build_project_steps");

            migrationBuilder.DropTable(
                name: "inspection_reports");

            migrationBuilder.DropTable(
                name: "review_panel_members");

            migrationBuilder.DropTable(
                name: "experts");

            migrationBuilder.DropTable(
                name: "review_panels");

            migrationBuilder.DropTable(
                name: "build_projects");

            migrationBuilder.DropTable(
                name: "testing_agencies");

            migrationBuilder.DropIndex(
                name: "IX_systems_BuildProjectId",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "BuildProjectId",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "DesignReviewPassed",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "LifecycleSource",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "PartyId",
                table: "AspNetUsers");
        }
    }
}
