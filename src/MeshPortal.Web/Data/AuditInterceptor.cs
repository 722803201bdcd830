using MeshPortal.Domain;
using MeshPortal.Domain.Quanta;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeshPortal.Web.Data;

/// <summary>Fills audit fields and bumps concurrency tokens on every save, so no service can forget to.</summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is not MeshDbContext db) return;
        var now = clock.GetUtcNow();
        foreach (var entry in db.ChangeTracker.Entries<IAuditable>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.CreatedBy = db.Actor;
            }
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedBy = db.Actor;
            }
        }
        // A change to a port is a change to its quantum: bump the quantum's token too.
        var changedQuanta = db.ChangeTracker.Entries<Port>()
            .Where(p => p.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(p => p.Entity.QuantumId)
            .ToHashSet();
        foreach (var entry in db.ChangeTracker.Entries<Quantum>())
        {
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && changedQuanta.Contains(entry.Entity.Id)))
            {
                entry.Entity.Version++;
                entry.Entity.UpdatedAt = now;
                entry.Entity.UpdatedBy = db.Actor;
            }
        }
    }
}
