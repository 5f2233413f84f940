using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SystemRegistryLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.CreateTable(
                name: "system_contractors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContractorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_system_contractors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_system_contractors_contractors_ContractorId",
                        column: x => x.ContractorId,
                        principalTable: "contractors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_system_contractors_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "system_products",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_system_products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_system_products_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_system_products_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_system_contractors_ContractorId",
                table: "system_contractors",
                column: "ContractorId");

            migrationBuilder.CreateIndex(
                name: "IX_system_contractors_SystemId",
                table: "system_contractors",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_system_products_ProductId",
                table: "system_products",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_system_products_SystemId",
                table: "system_products",
                column: "SystemId");

            // Data: what systems held as text becomes registry entries (issue 10). A product per distinct model, manufacturer
            // and flags that no registered product has; a contractor per distinct name and qualification in each division its
            // systems' sites are in; then a row per product and contractor of each system, at its place, referring to them.
            migrationBuilder.Sql("""
                INSERT INTO products ("Id", "Model", "Manufacturer", "CertificateNumber", "InCatalog", "MeetsStandard", "Archived", "CreatedAt", "UpdatedAt")
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                       d.Model, d.Manufacturer, NULL, d.InCatalog, d.MeetsStandard, 0, d.At, d.At
                FROM (SELECT json_extract(j.value, '$.Model') AS Model, COALESCE(json_extract(j.value, '$.Manufacturer'), '') AS Manufacturer,
                             COALESCE(json_extract(j.value, '$.InCatalog'), 0) AS InCatalog, COALESCE(json_extract(j.value, '$.MeetsStandard'), 0) AS MeetsStandard,
                             MIN(s."UpdatedAt") AS At
                      FROM systems s, json_each(s.products) j
                      WHERE s.products IS NOT NULL
                      GROUP BY 1, 2, 3, 4) d
                WHERE NOT EXISTS (SELECT 1 FROM products p WHERE NOT p."Archived" AND p."Model" = d.Model AND p."Manufacturer" = d.Manufacturer
                                  AND p."InCatalog" = d.InCatalog AND p."MeetsStandard" = d.MeetsStandard);
                """);
            migrationBuilder.Sql("""
                INSERT INTO system_products ("SystemId", "ProductId", "Position")
                SELECT s."Id", (SELECT p."Id" FROM products p
                                WHERE NOT p."Archived" AND p."Model" = json_extract(j.value, '$.Model')
                                  AND p."Manufacturer" = COALESCE(json_extract(j.value, '$.Manufacturer'), '')
                                  AND p."InCatalog" = COALESCE(json_extract(j.value, '$.InCatalog'), 0)
                                  AND p."MeetsStandard" = COALESCE(json_extract(j.value, '$.MeetsStandard'), 0)
                                ORDER BY p."CreatedAt", p."Id" LIMIT 1),
                       j.key
                FROM systems s, json_each(s.products) j
                WHERE s.products IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO contractors ("Id", "Name", "CreditCode", "DivisionCode", "QualificationLevel", "Qualified", "QualifiedUntil", "Archived", "CreatedAt", "UpdatedAt")
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                       d.Name, NULL, d.Division, NULL, d.Qualified, NULL, 0, d.At, d.At
                FROM (SELECT json_extract(j.value, '$.Name') AS Name, COALESCE(json_extract(j.value, '$.Qualified'), 0) AS Qualified,
                             t."DivisionCode" AS Division, MIN(s."UpdatedAt") AS At
                      FROM systems s JOIN sites t ON t."Id" = s."SiteId", json_each(s.contractors) j
                      WHERE s.contractors IS NOT NULL
                      GROUP BY 1, 2, 3) d
                WHERE NOT EXISTS (SELECT 1 FROM contractors c WHERE NOT c."Archived" AND c."Name" = d.Name AND c."Qualified" = d.Qualified
                                  AND c."DivisionCode" = d.Division);
                """);
            migrationBuilder.Sql("""
                INSERT INTO system_contractors ("SystemId", "ContractorId", "Role", "Position")
                SELECT s."Id", (SELECT c."Id" FROM contractors c
                                WHERE NOT c."Archived" AND c."Name" = json_extract(j.value, '$.Name')
                                  AND c."Qualified" = COALESCE(json_extract(j.value, '$.Qualified'), 0) AND c."DivisionCode" = t."DivisionCode"
                                ORDER BY c."CreatedAt", c."Id" LIMIT 1),
                       COALESCE(json_extract(j.value, '$.Role'), ''), j.key
                FROM systems s JOIN sites t ON t."Id" = s."SiteId", json_each(s.contractors) j
                WHERE s.contractors IS NOT NULL;
                """);

            migrationBuilder.DropColumn(
                name: "contractors",
                table: "systems");

            migrationBuilder.DropColumn(
                name: "products",
                table: "systems");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.AddColumn<string>(
                name: "contractors",
                table: "systems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "products",
                table: "systems",
                type: "TEXT",
                nullable: true);

            // Data: back to the text the systems held, from the registry entries they refer to, in their order.
            migrationBuilder.Sql("""
                UPDATE systems SET products = (
                    SELECT COALESCE(json_group_array(json_object('InCatalog', json(CASE WHEN x.InCatalog THEN 'true' ELSE 'false' END),
                        'Manufacturer', NULLIF(x.Manufacturer, ''), 'MeetsStandard', json(CASE WHEN x.MeetsStandard THEN 'true' ELSE 'false' END), 'Model', x.Model)), '[]')
                    FROM (SELECT p."Model" AS Model, p."Manufacturer" AS Manufacturer, p."InCatalog" AS InCatalog, p."MeetsStandard" AS MeetsStandard
                          FROM system_products sp JOIN products p ON p."Id" = sp."ProductId" WHERE sp."SystemId" = systems."Id" ORDER BY sp."Position") x);
                """);
            migrationBuilder.Sql("""
                UPDATE systems SET contractors = (
                    SELECT COALESCE(json_group_array(json_object('Name', x.Name, 'Qualified', json(CASE WHEN x.Qualified THEN 'true' ELSE 'false' END), 'Role', x.Role)), '[]')
                    FROM (SELECT c."Name" AS Name, c."Qualified" AS Qualified, sc."Role" AS Role
                          FROM system_contractors sc JOIN contractors c ON c."Id" = sc."ContractorId" WHERE sc."SystemId" = systems."Id" ORDER BY sc."Position") x);
                """);

            migrationBuilder.DropTable(
                name: "system_contractors");

            migrationBuilder.DropTable(
                name: "system_products");
        }
    }
}
