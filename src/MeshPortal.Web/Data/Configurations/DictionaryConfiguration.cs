using MeshPortal.Web.Search.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeshPortal.Web.Data.Configurations;

public sealed class DictionaryOutboxConfiguration : IEntityTypeConfiguration<DictionaryOutboxEntry>
{
    public void Configure(EntityTypeBuilder<DictionaryOutboxEntry> entry)
    {
        entry.ToTable("DictionaryOutbox");
        entry.Property(e => e.Source).HasMaxLength(300);
        entry.Property(e => e.LastError).HasMaxLength(2000);
        // The drain reads unprocessed rows in order.
        entry.HasIndex(e => new { e.ProcessedAt, e.Id });
    }
}

public sealed class DictionaryRebuildConfiguration : IEntityTypeConfiguration<DictionaryRebuild>
{
    public void Configure(EntityTypeBuilder<DictionaryRebuild> rebuild)
    {
        rebuild.ToTable("DictionaryRebuilds");
        rebuild.Property(r => r.RequestedBy).HasMaxLength(100);
        rebuild.Property(r => r.Status).HasMaxLength(20);
        rebuild.Property(r => r.Error).HasMaxLength(2000);
        rebuild.HasIndex(r => r.RequestedAt);
    }
}
