using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContractorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false)
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
                SELECT gen_random_uuid(), d.model, d.manufacturer, NULL, d.in_catalog, d.meets, false, d.at, d.at
                FROM (SELECT j.value->>'Model' AS model, COALESCE(j.value->>'Manufacturer', '') AS manufacturer,
                             COALESCE((j.value->>'InCatalog')::boolean, false) AS in_catalog, COALESCE((j.value->>'MeetsStandard')::boolean, false) AS meets,
                             MIN(s."UpdatedAt") AS at
                      FROM systems s CROSS JOIN LATERAL jsonb_array_elements(s.products) AS j(value)
                      WHERE s.products IS NOT NULL
                      GROUP BY 1, 2, 3, 4) d
                WHERE NOT EXISTS (SELECT 1 FROM products p WHERE NOT p."Archived" AND p."Model" = d.model AND p."Manufacturer" = d.manufacturer
                                  AND p."InCatalog" = d.in_catalog AND p."MeetsStandard" = d.meets);
                """);
            migrationBuilder.Sql("""
                INSERT INTO system_products ("SystemId", "ProductId", "Position")
                SELECT s."Id", (SELECT p."Id" FROM products p
                                WHERE NOT p."Archived" AND p."Model" = j.value->>'Model'
                                  AND p."Manufacturer" = COALESCE(j.value->>'Manufacturer', '')
                                  AND p."InCatalog" = COALESCE((j.value->>'InCatalog')::boolean, false)
                                  AND p."MeetsStandard" = COALESCE((j.value->>'MeetsStandard')::boolean, false)
                                ORDER BY p."CreatedAt", p."Id" LIMIT 1),
                       j.ord - 1
                FROM systems s CROSS JOIN LATERAL jsonb_array_elements(s.products) WITH ORDINALITY AS j(value, ord)
                WHERE s.products IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                INSERT INTO contractors ("Id", "Name", "CreditCode", "DivisionCode", "QualificationLevel", "Qualified", "QualifiedUntil", "Archived", "CreatedAt", "UpdatedAt")
                SELECT gen_random_uuid(), d.name, NULL, d.division, NULL, d.qualified, NULL, false, d.at, d.at
                FROM (SELECT j.value->>'Name' AS name, COALESCE((j.value->>'Qualified')::boolean, false) AS qualified,
                             t."DivisionCode" AS division, MIN(s."UpdatedAt") AS at
                      FROM systems s JOIN sites t ON t."Id" = s."SiteId" CROSS JOIN LATERAL jsonb_array_elements(s.contractors) AS j(value)
                      WHERE s.contractors IS NOT NULL
                      GROUP BY 1, 2, 3) d
                WHERE NOT EXISTS (SELECT 1 FROM contractors c WHERE NOT c."Archived" AND c."Name" = d.name AND c."Qualified" = d.qualified
                                  AND c."DivisionCode" = d.division);
                """);
            migrationBuilder.Sql("""
                INSERT INTO system_contractors ("SystemId", "ContractorId", "Role", "Position")
                SELECT s."Id", (SELECT c."Id" FROM contractors c
                                WHERE NOT c."Archived" AND c."Name" = j.value->>'Name'
                                  AND c."Qualified" = COALESCE((j.value->>'Qualified')::boolean, false) AND c."DivisionCode" = t."DivisionCode"
                                ORDER BY c."CreatedAt", c."Id" LIMIT 1),
                       COALESCE(j.value->>'Role', ''), j.ord - 1
                FROM systems s JOIN sites t ON t."Id" = s."SiteId" CROSS JOIN LATERAL jsonb_array_elements(s.contractors) WITH ORDINALITY AS j(value, ord)
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
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "products",
                table: "systems",
                type: "jsonb",
                nullable: true);

            // Data: back to the text the systems held, from the registry entries they refer to, in their order.
            migrationBuilder.Sql("""
                UPDATE systems SET products = COALESCE((
                    SELECT jsonb_agg(jsonb_build_object('Model', p."Model", 'Manufacturer', NULLIF(p."Manufacturer", ''), 'InCatalog', p."InCatalog",
                                                        'MeetsStandard', p."MeetsStandard") ORDER BY sp."Position")
                    FROM system_products sp JOIN products p ON p."Id" = sp."ProductId" WHERE sp."SystemId" = systems."Id"), '[]'::jsonb);
                """);
            migrationBuilder.Sql("""
                UPDATE systems SET contractors = COALESCE((
                    SELECT jsonb_agg(jsonb_build_object('Name', c."Name", 'Role', sc."Role", 'Qualified', c."Qualified") ORDER BY sc."Position")
                    FROM system_contractors sc JOIN contractors c ON c."Id" = sc."ContractorId" WHERE sc."SystemId" = systems."Id"), '[]'::jsonb);
                """);

            migrationBuilder.DropTable(
                name: "system_contractors");

            migrationBuilder.DropTable(
                name: "system_products");
        }
    }
}
