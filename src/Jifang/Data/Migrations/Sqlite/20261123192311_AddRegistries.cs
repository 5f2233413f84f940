using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRegistries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contractors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    QualificationLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Qualified = table.Column<bool>(type: "INTEGER", nullable: false),
                    QualifiedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contractors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Manufacturer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    InCatalog = table.Column<bool>(type: "INTEGER", nullable: false),
                    MeetsStandard = table.Column<bool>(type: "INTEGER", nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "personnel",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EmployerUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EmployerContractorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Job = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Trained = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrainingCertificate = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TrainedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personnel", x => x.Id);
                    table.ForeignKey(
                        name: "FK_personnel_contractors_EmployerContractorId",
                        column: x => x.EmployerContractorId,
                        principalTable: "contractors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_personnel_units_EmployerUnitId",
                        column: x => x.EmployerUnitId,
                        principalTable: "units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_contractors_DivisionCode",
                table: "contractors",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_contractors_Name",
                table: "contractors",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_personnel_EmployerContractorId",
                table: "personnel",
                column: "EmployerContractorId");

            migrationBuilder.CreateIndex(
                name: "IX_personnel_EmployerUnitId",
                table: "personnel",
                column: "EmployerUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_personnel_Name",
                table: "personnel",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_products_Model",
                table: "products",
                column: "Model");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "personnel");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "contractors");
        }
    }
}
