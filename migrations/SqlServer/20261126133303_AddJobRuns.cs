using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeshPortal.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddJobRuns : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_QualityRuns_QueuedAt",
                table: "QualityRuns",
                column: "QueuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OnboardingRuns_QueuedAt",
                table: "OnboardingRuns",
                column: "QueuedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QualityRuns_QueuedAt",
                table: "QualityRuns");

            migrationBuilder.DropIndex(
                name: "IX_OnboardingRuns_QueuedAt",
                table: "OnboardingRuns");

            migrationBuilder.DropColumn(
                name: "RowsReadEstimated",
                table: "OnboardingRuns");
        }
    }
}
