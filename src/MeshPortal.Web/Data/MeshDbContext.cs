using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Domain.Quality;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Search.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MeshPortal.Web.Data;

/// <summary>
/// The metadata store. Each provider has a subclass (<see cref="SqliteMeshDbContext"/>,
/// <see cref="SqlServerMeshDbContext"/>) so that both migration sets can live in one assembly;
/// the rest of the app only sees this type.
/// </summary>
public class MeshDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Who is making the change, for the audit fields. Set by the service that saves; "system" otherwise.</summary>
    public string Actor { get; set; } = "system";

    public DbSet<User> Users => Set<User>();
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<MeshDomain> Domains => Set<MeshDomain>();
    public DbSet<DomainMember> DomainMembers => Set<DomainMember>();
    public DbSet<Quantum> Quanta => Set<Quantum>();
    public DbSet<Port> Ports => Set<Port>();
    public DbSet<DataContract> Contracts => Set<DataContract>();
    public DbSet<ContractVersion> ContractVersions => Set<ContractVersion>();
    public DbSet<ContractColumn> ContractColumns => Set<ContractColumn>();
    public DbSet<DictionaryOutboxEntry> DictionaryOutbox => Set<DictionaryOutboxEntry>();
    public DbSet<DictionaryRebuild> DictionaryRebuilds => Set<DictionaryRebuild>();
    public DbSet<DataSource> DataSources => Set<DataSource>();
    public DbSet<OnboardingRun> OnboardingRuns => Set<OnboardingRun>();
    public DbSet<OnboardingSettings> OnboardingSettings => Set<OnboardingSettings>();
    public DbSet<QualityRun> QualityRuns => Set<QualityRun>();
    public DbSet<QualityResult> QualityResults => Set<QualityResult>();
    public DbSet<QualityStanding> QualityStandings => Set<QualityStanding>();

    /// <summary>Set while saving when the save wrote dictionary outbox rows, so a drain is requested after it commits.</summary>
    internal bool DictionaryChanged { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MeshDbContext).Assembly, t => t.Namespace == typeof(MeshDbContext).Namespace + ".Configurations");

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}

public sealed class SqliteMeshDbContext(DbContextOptions<SqliteMeshDbContext> options) : MeshDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date-time-with-offset type, and EF cannot compare or sort the text form: store UTC ticks.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerMeshDbContext(DbContextOptions<SqlServerMeshDbContext> options) : MeshDbContext(options);
