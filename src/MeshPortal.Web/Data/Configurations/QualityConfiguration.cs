using MeshPortal.Domain.Quality;
using MeshPortal.Domain.Quanta;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class QualityRunConfiguration : IEntityTypeConfiguration<QualityRun>
{
    public void Configure(EntityTypeBuilder<QualityRun> run)
    {
        run.ToTable("QualityRuns");
        run.Property(r => r.ContractId).HasMaxLength(200);
        run.Property(r => r.ContractVersion).HasMaxLength(64);
        run.Property(r => r.TriggeredBy).HasMaxLength(100);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.Property(r => r.JobId).HasMaxLength(100);
        run.Ignore(r => r.IsFinished);
        run.HasIndex(r => new { r.QuantumId, r.QueuedAt });
        // The Jobs page: the newest runs of every quantum, and two weeks of them by day.
        run.HasIndex(r => r.QueuedAt);
        run.HasIndex(r => r.Status);
        // The mesh trend reads the runs finished in the last 30 days.
        run.HasIndex(r => r.FinishedAt);
        // At most one queued or running run per quantum, enforced by the database (see OnboardingRunConfiguration). Checks of
        // staged data before a publish are recorded when they are over, so they never hold the slot.
        run.HasIndex(r => r.QuantumId, "IX_QualityRuns_OneActivePerQuantum").IsUnique()
            .HasFilter("\"Status\" IN ('Queued', 'Running')");
        // No foreign key to the onboarding run: both histories are kept, each on its own terms.
        run.HasIndex(r => r.OnboardingRunId);
        run.HasMany(r => r.Results).WithOne().HasForeignKey(r => r.QualityRunId).OnDelete(DeleteBehavior.Cascade);
        run.HasOne<Quantum>().WithMany().HasForeignKey(r => r.QuantumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QualityResultConfiguration : IEntityTypeConfiguration<QualityResult>
{
    /// <summary>Longest rule key kept: a nameless SQL rule's key is its query. Longer text is cut by the service.</summary>
    public const int RuleLength = 500;
    public const int NameLength = 300;
    public const int MessageLength = 2000;

    public void Configure(EntityTypeBuilder<QualityResult> result)
    {
        result.ToTable("QualityResults");
        result.Property(r => r.Rule).HasMaxLength(RuleLength);
        result.Property(r => r.Name).HasMaxLength(NameLength);
        result.Property(r => r.Type).HasMaxLength(20);
        result.Property(r => r.Metric).HasMaxLength(NameLength);
        result.Property(r => r.Object).HasMaxLength(NameLength);
        result.Property(r => r.Property).HasMaxLength(NameLength);
        result.Property(r => r.Dimension).HasMaxLength(100);
        result.Property(r => r.Severity).HasMaxLength(40);
        result.Property(r => r.Unit).HasMaxLength(40);
        result.Property(r => r.Operator).HasMaxLength(40);
        result.Property(r => r.Threshold).HasMaxLength(NameLength);
        result.Property(r => r.Outcome).HasMaxLength(20);
        result.Property(r => r.Message).HasMaxLength(MessageLength);
        result.HasIndex(r => new { r.QualityRunId, r.Position });
    }
}

public sealed class QualityStandingConfiguration : IEntityTypeConfiguration<QualityStanding>
{
    public void Configure(EntityTypeBuilder<QualityStanding> standing)
    {
        standing.ToTable("QualityStandings");
        standing.HasKey(s => s.QuantumId);
        standing.Property(s => s.Freshness).HasMaxLength(2000);
        standing.HasIndex(s => s.Stale);
        standing.HasOne<Quantum>().WithOne().HasForeignKey<QualityStanding>(s => s.QuantumId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The quality settings live on the quantum's onboarding settings row; their column limits are set here, beside the rest of quality.</summary>
public sealed class OnboardingSettingsQualityConfiguration : IEntityTypeConfiguration<Domain.Onboarding.OnboardingSettings>
{
    public void Configure(EntityTypeBuilder<Domain.Onboarding.OnboardingSettings> settings) => settings.Property(s => s.QualityCron).HasMaxLength(100);
}
