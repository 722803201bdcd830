using System.Text.Json;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Features.Seed;

/// <summary>
/// Seeds personas, the demo mesh and one access token per persona (written to demo-tokens.json) on the
/// first start in local mode. Never runs with Entra ID, and never touches a database that has domains.
/// </summary>
public sealed class DemoMeshSeeder(
    IDbContextFactory<MeshDbContext> factory,
    IdentityMode mode,
    AccessTokens tokens,
    DataFolder folder,
    TimeProvider clock,
    ILogger<DemoMeshSeeder> logger) : IStartupSeeder
{
    public const string TokensFile = "demo-tokens.json";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (!mode.Local) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Domains.AnyAsync(ct)) return;
        db.Actor = "seed";

        var users = DemoPersonas.All.ToDictionary(p => p.Username, p => new User
        {
            Subject = DemoPersonas.SubjectOf(p),
            Username = p.Username,
            DisplayName = p.DisplayName,
            Email = $"{p.Username}@meshportal.example",
            GlobalRoles = p.GlobalRoles.ToList(),
            CreatedAt = clock.GetUtcNow(),
        });
        db.Users.AddRange(users.Values);

        var domains = DemoMesh.Domains.ToDictionary(d => d.Slug, d => new MeshDomain { Slug = d.Slug, Name = d.Name, Description = Dedent(d.Description) });
        db.Domains.AddRange(domains.Values);
        foreach (var persona in DemoPersonas.All)
        foreach (var (domain, role) in persona.DomainRoles)
            db.DomainMembers.Add(new DomainMember { DomainId = domains[domain].Id, UserId = users[persona.Username].Id, Role = role });

        var quanta = DemoMesh.Quanta.ToDictionary(q => $"{q.Domain}/{q.Slug}", q => new Quantum
        {
            DomainId = domains[q.Domain].Id,
            Slug = q.Slug,
            Name = q.Name,
            Description = Dedent(q.Description),
            Tier = q.Tier,
            Status = q.Status,
            Tags = q.Tags.ToList(),
            OwnerId = users[q.Owner].Id,
        });
        foreach (var seed in DemoMesh.Quanta)
        {
            var quantum = quanta[$"{seed.Domain}/{seed.Slug}"];
            quantum.Ports = seed.Ports.Select(p => ToPort(p, quanta)).ToList();
        }
        db.Quanta.AddRange(quanta.Values);
        await db.SaveChangesAsync(ct);

        var issued = new Dictionary<string, string>();
        foreach (var persona in DemoPersonas.All.Where(p => p.CanSignIn))
            issued[persona.Username] = (await tokens.IssueAsync(users[persona.Username].Id, "demo token", TimeSpan.FromDays(365), ct)).Token;
        await File.WriteAllTextAsync(folder.File(TokensFile), JsonSerializer.Serialize(issued, new JsonSerializerOptions { WriteIndented = true }), ct);
        logger.LogInformation("Seeded the demo mesh: {Domains} domains, {Quanta} quanta, {Users} users of whom {Personas} can sign in; API tokens in {File}",
            domains.Count, quanta.Count, users.Count, issued.Count, folder.File(TokensFile));
    }

    private static Port ToPort(DemoMesh.PortSeed seed, Dictionary<string, Quantum> quanta)
    {
        var port = new Port { Direction = seed.Direction, Name = seed.Name, Kind = seed.Kind, Description = seed.Description };
        switch (seed.Direction, seed.Kind)
        {
            case (PortDirection.Input, "quantum"):
                var target = seed.Target!.Split(':');
                port.UpstreamQuantumId = quanta[target[0]].Id;
                port.UpstreamPort = target[1];
                break;
            case (PortDirection.Input, _):
                port.Source = seed.Target;
                break;
            case (PortDirection.Management, _):
                port.Endpoint = seed.Target;
                break;
        }
        return port;
    }

    /// <summary>Raw string literals keep their indentation relative to the closing quotes; this trims the rest.</summary>
    private static string Dedent(string text) => text.Trim();
}
