using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HoldPlacedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PlacedByDivision",
                table: "evidence_holds",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlacedByRole",
                table: "evidence_holds",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            // Holds placed before: the police placed those that an officer proposed or (failing that) confirmed, with the officer's
            // organ (role and division prefix by level); the others keep their proposer's role. A proposer no longer in the user
            // table leaves both empty: a unit's hold, released as before.
            foreach (var who in new[] { "ProposedBy", "ConfirmedBy" })
            {
                migrationBuilder.Sql($"""
                    UPDATE "evidence_holds" SET
                        "PlacedByRole" = (SELECT u."Role" FROM "AspNetUsers" AS u WHERE u."UserName" = "evidence_holds"."{who}"),
                        "PlacedByDivision" = (SELECT substr(u."DivisionCode", 1, CASE u."Role" WHEN 'police-province' THEN 2 WHEN 'police-city' THEN 4 ELSE 6 END)
                            FROM "AspNetUsers" AS u WHERE u."UserName" = "evidence_holds"."{who}")
                    WHERE "PlacedByRole" IS NULL AND EXISTS (SELECT 1 FROM "AspNetUsers" AS u WHERE u."UserName" = "evidence_holds"."{who}"
                        AND u."Role" IN ('police-province', 'police-city', 'police-county') AND length(u."DivisionCode") = 6);
                    """);
            }
            migrationBuilder.Sql("""
                UPDATE "evidence_holds" SET "PlacedByRole" = (SELECT u."Role" FROM "AspNetUsers" AS u WHERE u."UserName" = "evidence_holds"."ProposedBy")
                WHERE "PlacedByRole" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PlacedByDivision",
                table: "evidence_holds");

            migrationBuilder.DropColumn(
                name: "PlacedByRole",
                table: "evidence_holds");
        }
    }
}
