using MeshPortal.Domain.Mesh;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class MeshDomainConfiguration : IEntityTypeConfiguration<MeshDomain>
{
    public void Configure(EntityTypeBuilder<MeshDomain> domain)
    {
        domain.ToTable("Domains");
        domain.Property(d => d.Slug).HasMaxLength(63);
        domain.HasIndex(d => d.Slug).IsUnique();
        domain.Property(d => d.Name).HasMaxLength(200);
        domain.Property(d => d.CreatedBy).HasMaxLength(100);
        domain.Property(d => d.UpdatedBy).HasMaxLength(100);
    }
}
