using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeshPortal.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddRowsReadEstimated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RowsReadEstimated",
                table: "OnboardingRuns",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RowsReadEstimated",
                table: "OnboardingRuns");
        }
    }
}
