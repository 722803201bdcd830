using MeshPortal.Domain.Contracts;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeshPortal.Web.Search.Indexing;

/// <summary>
/// Adds a dictionary outbox row for every domain, quantum or contract a save touches, inside that same save
/// (same transaction), so no service can forget to and a crash cannot separate the change from its row.
/// After a successful save it asks for a drain; the drain job is idempotent and also runs on a schedule.
/// </summary>
public sealed class DictionaryOutboxInterceptor(TimeProvider clock, DictionaryDrainTrigger trigger) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddOutboxRows(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddOutboxRows(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Trigger(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Trigger(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Trigger(DbContext? context)
    {
        if (context is MeshDbContext { DictionaryChanged: true } db)
        {
            db.DictionaryChanged = false;
            trigger.Request();
        }
    }

    private void AddOutboxRows(DbContext? context)
    {
        if (context is not MeshDbContext db) return;
        db.ChangeTracker.DetectChanges();
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            switch (entry.Entity)
            {
                case MeshDomain d:
                    sources.Add(DictionarySources.Domain(d.Slug));
                    if (Original<string>(entry, nameof(MeshDomain.Slug)) is { } oldSlug && oldSlug != d.Slug) sources.Add(DictionarySources.Domain(oldSlug));
                    break;
                case Quantum q:
                    sources.Add(DictionarySources.Quantum(q.Id));
                    break;
                case Port p:
                    sources.Add(DictionarySources.Quantum(p.QuantumId));
                    // The contract a port serves shows its quantum in column hits: re-index both the old and the new binding.
                    if (p.ContractId is not null) sources.Add(DictionarySources.Contract(p.ContractId));
                    if (Original<string>(entry, nameof(Port.ContractId)) is { } oldContract) sources.Add(DictionarySources.Contract(oldContract));
                    break;
                case DataContract c:
                    sources.Add(DictionarySources.Contract(c.Id));
                    break;
                case ContractVersion v:
                    sources.Add(DictionarySources.Contract(v.ContractId));
                    break;
            }
        }
        if (sources.Count == 0) return;
        var now = clock.GetUtcNow();
        foreach (var source in sources) db.DictionaryOutbox.Add(new DictionaryOutboxEntry { Source = source, CreatedAt = now });
        db.DictionaryChanged = true;
    }

    private static T? Original<T>(EntityEntry entry, string property) where T : class =>
        entry.State == EntityState.Modified ? entry.Property(property).OriginalValue as T : null;
}
