using MeshPortal.Domain.Mesh;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class DomainMemberConfiguration : IEntityTypeConfiguration<DomainMember>
{
    public void Configure(EntityTypeBuilder<DomainMember> member)
    {
        member.HasKey(m => new { m.DomainId, m.UserId });
        member.HasOne(m => m.Domain).WithMany(d => d.Members).HasForeignKey(m => m.DomainId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
