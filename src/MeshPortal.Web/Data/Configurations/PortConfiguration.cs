using MeshPortal.Domain.Quanta;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class PortConfiguration : IEntityTypeConfiguration<Port>
{
    public void Configure(EntityTypeBuilder<Port> port)
    {
        port.Property(p => p.Name).HasMaxLength(63);
        port.Property(p => p.Kind).HasMaxLength(40);
        port.Property(p => p.Source).HasMaxLength(2000);
        port.Property(p => p.UpstreamPort).HasMaxLength(63);
        port.Property(p => p.Endpoint).HasMaxLength(2000);
        port.HasIndex(p => new { p.QuantumId, p.Direction, p.Name }).IsUnique();
        // Lineage queries ask "who reads this quantum?".
        port.HasIndex(p => p.UpstreamQuantumId);
        port.Property(p => p.ContractId).HasMaxLength(200);
        port.Property(p => p.ContractVersion).HasMaxLength(64);
        port.HasIndex(p => new { p.ContractId, p.ContractVersion });
    }
}
