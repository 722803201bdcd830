using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeshPortal.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BlockPublishOnQualityFailure",
                table: "OnboardingSettings",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "QualityCron",
                table: "OnboardingSettings",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QualityRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    QuantumId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContractId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContractVersion = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OnboardingRunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    TriggeredBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Score = table.Column<double>(type: "float", nullable: true),
                    Passed = table.Column<int>(type: "int", nullable: false),
                    Failed = table.Column<int>(type: "int", nullable: false),
                    Errors = table.Column<int>(type: "int", nullable: false),
                    NotExecuted = table.Column<int>(type: "int", nullable: false),
                    FailsContract = table.Column<bool>(type: "bit", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    JobId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    QueuedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CheckedBeforePublish = table.Column<bool>(type: "bit", nullable: false),
                    BlockedPublish = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityRuns_Quanta_QuantumId",
                        column: x => x.QuantumId,
                        principalTable: "Quanta",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityStandings",
                columns: table => new
                {
                    QuantumId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    RunOnboardingRunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Score = table.Column<double>(type: "float", nullable: true),
                    FailsContract = table.Column<bool>(type: "bit", nullable: false),
                    FailedRules = table.Column<int>(type: "int", nullable: false),
                    LastRunAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastLoadRunId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LastLoadAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Stale = table.Column<bool>(type: "bit", nullable: false),
                    StaleSince = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Freshness = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    FreshnessCheckedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityStandings", x => x.QuantumId);
                    table.ForeignKey(
                        name: "FK_QualityStandings_Quanta_QuantumId",
                        column: x => x.QuantumId,
                        principalTable: "Quanta",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    QualityRunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Rule = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Type = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Metric = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Object = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Property = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Dimension = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Severity = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Value = table.Column<double>(type: "float", nullable: true),
                    Unit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Operator = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Threshold = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Position = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityResults_QualityRuns_QualityRunId",
                        column: x => x.QualityRunId,
                        principalTable: "QualityRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QualityResults_QualityRunId_Position",
                table: "QualityResults",
                columns: new[] { "QualityRunId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityRuns_FinishedAt",
                table: "QualityRuns",
                column: "FinishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_QualityRuns_OnboardingRunId",
                table: "QualityRuns",
                column: "OnboardingRunId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityRuns_OneActivePerQuantum",
                table: "QualityRuns",
                column: "QuantumId",
                unique: true,
                filter: "\"Status\" IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_QualityRuns_QuantumId_QueuedAt",
                table: "QualityRuns",
                columns: new[] { "QuantumId", "QueuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityRuns_Status",
                table: "QualityRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_QualityStandings_Stale",
                table: "QualityStandings",
                column: "Stale");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualityResults");

            migrationBuilder.DropTable(
                name: "QualityStandings");

            migrationBuilder.DropTable(
                name: "QualityRuns");

            migrationBuilder.DropColumn(
                name: "BlockPublishOnQualityFailure",
                table: "OnboardingSettings");

            migrationBuilder.DropColumn(
                name: "QualityCron",
                table: "OnboardingSettings");
        }
    }
}
