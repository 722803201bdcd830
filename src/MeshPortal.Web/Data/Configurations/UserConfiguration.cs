using MeshPortal.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.Property(u => u.Subject).HasMaxLength(200);
        user.HasIndex(u => u.Subject).IsUnique();
        user.Property(u => u.Username).HasMaxLength(100);
        user.HasIndex(u => u.Username).IsUnique();
        user.Property(u => u.DisplayName).HasMaxLength(200);
        user.Property(u => u.Email).HasMaxLength(320);
        // Stored as names, like every other enum, so reordering the enum can never change who is an admin.
        user.PrimitiveCollection(u => u.GlobalRoles).ElementType().HasConversion<string>();
    }
}
