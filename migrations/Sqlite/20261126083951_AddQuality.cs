using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeshPortal.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "QualityCron",
                table: "OnboardingSettings",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QualityRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuantumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContractVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OnboardingRunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TriggeredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Passed = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    Errors = table.Column<int>(type: "INTEGER", nullable: false),
                    NotExecuted = table.Column<int>(type: "INTEGER", nullable: false),
                    FailsContract = table.Column<bool>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    JobId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    QueuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    HeartbeatAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedBeforePublish = table.Column<bool>(type: "INTEGER", nullable: false),
                    BlockedPublish = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    QuantumId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RunOnboardingRunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    FailsContract = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailedRules = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastLoadRunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastLoadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Stale = table.Column<bool>(type: "INTEGER", nullable: false),
                    StaleSince = table.Column<long>(type: "INTEGER", nullable: true),
                    Freshness = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FreshnessCheckedAt = table.Column<long>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QualityRunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Object = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Property = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Threshold = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
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
