using MeshPortal.Domain.Quanta;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class QuantumConfiguration : IEntityTypeConfiguration<Quantum>
{
    public void Configure(EntityTypeBuilder<Quantum> quantum)
    {
        quantum.ToTable("Quanta");
        quantum.Property(q => q.Slug).HasMaxLength(63);
        quantum.HasIndex(q => new { q.DomainId, q.Slug }).IsUnique();
        quantum.Property(q => q.Name).HasMaxLength(200);
        quantum.PrimitiveCollection(q => q.Tags);
        quantum.Property(q => q.Version).IsConcurrencyToken();
        quantum.Property(q => q.CreatedBy).HasMaxLength(100);
        quantum.Property(q => q.UpdatedBy).HasMaxLength(100);
        quantum.HasIndex(q => q.Status);
        quantum.HasIndex(q => q.OwnerId);
        quantum.HasOne(q => q.Domain).WithMany().HasForeignKey(q => q.DomainId).OnDelete(DeleteBehavior.Restrict);
        quantum.HasOne(q => q.Owner).WithMany().HasForeignKey(q => q.OwnerId).OnDelete(DeleteBehavior.Restrict);
        quantum.HasMany(q => q.Ports).WithOne().HasForeignKey(p => p.QuantumId).OnDelete(DeleteBehavior.Cascade);
    }
}
