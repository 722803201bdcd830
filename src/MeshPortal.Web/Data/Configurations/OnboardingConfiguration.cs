using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quanta;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class DataSourceConfiguration : IEntityTypeConfiguration<DataSource>
{
    public void Configure(EntityTypeBuilder<DataSource> source)
    {
        source.ToTable("DataSources");
        source.Property(s => s.Name).HasMaxLength(100);
        source.HasIndex(s => new { s.QuantumId, s.Name }).IsUnique();
        source.Property(s => s.Format).HasMaxLength(20);
        source.Property(s => s.FilePath).HasMaxLength(1000);
        source.Property(s => s.OriginalFileName).HasMaxLength(260);
        // Encrypted connection strings and SQL have no useful upper bound; the services cap what they accept.
        source.Property(s => s.OutputPort).HasMaxLength(63);
        source.Property(s => s.ObjectName).HasMaxLength(300);
        source.Property(s => s.CreatedBy).HasMaxLength(100);
        source.Property(s => s.UpdatedBy).HasMaxLength(100);
        source.HasOne<Quantum>().WithMany().HasForeignKey(s => s.QuantumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OnboardingRunConfiguration : IEntityTypeConfiguration<OnboardingRun>
{
    public void Configure(EntityTypeBuilder<OnboardingRun> run)
    {
        run.ToTable("OnboardingRuns");
        run.Property(r => r.ContractId).HasMaxLength(200);
        run.Property(r => r.ContractVersion).HasMaxLength(64);
        run.Property(r => r.ObjectName).HasMaxLength(300);
        run.Property(r => r.Phase).HasMaxLength(20);
        run.Property(r => r.Error).HasMaxLength(2000);
        run.Property(r => r.TriggeredBy).HasMaxLength(100);
        run.Property(r => r.JobId).HasMaxLength(100);
        // No foreign key to the source: a run's history outlives the source it read.
        run.HasIndex(r => r.SourceId);
        run.HasIndex(r => new { r.QuantumId, r.QueuedAt });
        // The Jobs page: the newest runs of every quantum, and two weeks of them by day.
        run.HasIndex(r => r.QueuedAt);
        run.HasIndex(r => r.Status);
        // At most one unfinished run per quantum, enforced by the database so two concurrent starts cannot both win.
        // Double-quoted identifiers are standard SQL: SQLite reads them, and SQL Server does with QUOTED_IDENTIFIER ON,
        // which filtered indexes require anyway.
        run.HasIndex(r => r.QuantumId, "IX_OnboardingRuns_OneActivePerQuantum").IsUnique()
            .HasFilter("\"Status\" IN ('Queued', 'Running')");
        run.HasOne<Quantum>().WithMany().HasForeignKey(r => r.QuantumId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OnboardingSettingsConfiguration : IEntityTypeConfiguration<OnboardingSettings>
{
    public void Configure(EntityTypeBuilder<OnboardingSettings> settings)
    {
        settings.ToTable("OnboardingSettings");
        settings.HasKey(s => s.QuantumId);
        settings.Property(s => s.Cron).HasMaxLength(100);
        settings.Property(s => s.CreatedBy).HasMaxLength(100);
        settings.Property(s => s.UpdatedBy).HasMaxLength(100);
        settings.HasOne<Quantum>().WithOne().HasForeignKey<OnboardingSettings>(s => s.QuantumId).OnDelete(DeleteBehavior.Cascade);
    }
}
