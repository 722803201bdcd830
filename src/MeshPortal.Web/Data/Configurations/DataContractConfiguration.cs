using MeshPortal.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class DataContractConfiguration : IEntityTypeConfiguration<DataContract>
{
    public void Configure(EntityTypeBuilder<DataContract> contract)
    {
        contract.ToTable("Contracts");
        contract.Property(c => c.Id).HasMaxLength(200);
        contract.Property(c => c.Name).HasMaxLength(300);
        contract.Property(c => c.CreatedBy).HasMaxLength(100);
        contract.Property(c => c.UpdatedBy).HasMaxLength(100);
        contract.HasOne(c => c.Domain).WithMany().HasForeignKey(c => c.DomainId).OnDelete(DeleteBehavior.Restrict);
        contract.HasMany(c => c.Versions).WithOne(v => v.Contract).HasForeignKey(v => v.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ContractVersionConfiguration : IEntityTypeConfiguration<ContractVersion>
{
    public void Configure(EntityTypeBuilder<ContractVersion> version)
    {
        version.ToTable("ContractVersions");
        version.Property(v => v.ContractId).HasMaxLength(200);
        version.Property(v => v.Version).HasMaxLength(64);
        version.Property(v => v.SortKey).HasMaxLength(100);
        version.Property(v => v.ApiVersion).HasMaxLength(20);
        version.Property(v => v.ParentContractId).HasMaxLength(200);
        version.Property(v => v.ParentVersion).HasMaxLength(64);
        version.Property(v => v.PublishedBy).HasMaxLength(100);
        version.Property(v => v.CreatedBy).HasMaxLength(100);
        version.Property(v => v.UpdatedBy).HasMaxLength(100);
        version.Property(v => v.Revision).IsConcurrencyToken();
        version.HasIndex(v => new { v.ContractId, v.Version }).IsUnique();
        version.HasIndex(v => new { v.ParentContractId, v.ParentVersion });
        version.HasMany(v => v.Columns).WithOne().HasForeignKey(c => c.ContractVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ContractColumnConfiguration : IEntityTypeConfiguration<ContractColumn>
{
    public void Configure(EntityTypeBuilder<ContractColumn> column)
    {
        column.ToTable("ContractColumns");
        column.Property(c => c.ObjectName).HasMaxLength(300);
        column.Property(c => c.Path).HasMaxLength(1000);
        column.Property(c => c.Name).HasMaxLength(300);
        column.Property(c => c.LogicalType).HasMaxLength(40);
        column.Property(c => c.PhysicalType).HasMaxLength(200);
        column.Property(c => c.Classification).HasMaxLength(40);
        column.PrimitiveCollection(c => c.Tags);
        column.HasIndex(c => c.ContractVersionId);
        column.HasIndex(c => c.Name);
    }
}
