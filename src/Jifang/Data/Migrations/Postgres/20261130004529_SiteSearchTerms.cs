using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jifang.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SiteSearchTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The function the generated column calls (the bigrams of a text; see Features/Registry/SiteSearch.cs).
            // It must split as SiteSearch.Bigrams does (by code point), which the tests check against it.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION jifang_bigrams(t text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                AS $$ SELECT coalesce(array_agg(DISTINCT substr(t, i, 2)), '{}'::text[]) FROM generate_series(1, char_length(t) - 1) AS i $$;
                """);

            migrationBuilder.AddColumn<List<string>>(
                name: "SearchTerms",
                table: "sites",
                type: "text[]",
                nullable: false,
                computedColumnSql: "jifang_bigrams(\"Name\") || jifang_bigrams(\"Address\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_sites_Categories",
                table: "sites",
                column: "Categories")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_sites_SearchTerms",
                table: "sites",
                column: "SearchTerms")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sites_Categories",
                table: "sites");

            migrationBuilder.DropIndex(
                name: "IX_sites_SearchTerms",
                table: "sites");

            migrationBuilder.DropColumn(
                name: "SearchTerms",
                table: "sites");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS jifang_bigrams(text);");
        }
    }
}
