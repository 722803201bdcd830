using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Mesh;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Jobs;
using MeshPortal.Web.Features.Onboarding;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Logging.Abstractions;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Features.Shared;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace MeshPortal.Web.Tests.Components;

/// <summary>
/// The base of the component tests: MudBlazor services, an interactive server renderer, and the real
/// services on a real SQLite database in a temp folder, seeded with one domain, its team, a consumer and a chief data officer.
/// Sign in with <see cref="SignInAs"/> so <see cref="CurrentCaller"/> resolves the persona from the database.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    protected const string Owner = "sales-owner";
    protected const string Engineer = "engineer";
    protected const string Consumer = "consumer";
    protected const string Cdo = "cdo";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "meshportal-bunit-" + Guid.NewGuid().ToString("N"));
    private readonly BunitAuthorizationContext _auth;

    protected IDbContextFactory<MeshDbContext> Db { get; }

    /// <summary>The seeded "sales" domain's quantum "orders", with an output port "order-lines".</summary>
    protected Guid OrdersId { get; private set; }

    protected PortalComponentTest()
    {
        // The components await a real database: give them time on a busy CI machine.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;

        Directory.CreateDirectory(_folder);
        var clock = TimeProvider.System;
        var interceptor = new AuditInterceptor(clock);
        var options = new DbContextOptionsBuilder<SqliteMeshDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "meshportal.db")};Foreign Keys=True;Pooling=False")
            .AddInterceptors(interceptor)
            .Options;
        Db = new Factory(options);
        using (var db = Db.CreateDbContext()) db.Database.Migrate();

        Services.AddSingleton(clock);
        Services.AddSingleton(interceptor);
        Services.AddSingleton(Db);
        Services.AddSingleton<QuantumService>();
        Services.AddSingleton<DomainService>();
        Services.AddSingleton<MarkdownRenderer>();
        Services.AddSingleton<ContractCatalog>();
        Services.AddSingleton<ContractAuthoring>();
        Services.AddSingleton<CallerResolver>();
        Services.AddSingleton<JobRunsService>();
        // Onboarding runs are a row and a Hangfire job: real Hangfire storage in the temp folder, made on first use, no
        // server. Its own, not registered: the search tests record the jobs they enqueue with a client of their own.
        Services.AddSingleton(_ =>
        {
            // Hangfire logs through a process-wide provider that each web host of the other tests points at its own
            // logger factory, disposed with the host; storage made after that would log into a disposed factory.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(SilentHangfireLog.Instance);
            var storage = new SQLiteStorage(Path.Combine(_folder, "hangfire.db"), new SQLiteStorageOptions());
            return new OnboardingService(Db, new BackgroundJobClient(storage), new RecurringJobManager(storage), storage, clock, NullLogger<OnboardingService>.Instance);
        });
        Services.AddScoped<CurrentCaller>();
        _auth = AddAuthorization();
        // Last: it builds the renderer, after which no service can be added.
        SetRendererInfo(new RendererInfo("Server", true));
        Seed();
    }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Signs in as a seeded user, the way local sign-in does: the portal's subject claim decides who it is.</summary>
    protected void SignInAs(string username)
    {
        _auth.SetAuthorized(username);
        _auth.SetClaims(new Claim(MeshClaims.Subject, "local:" + username), new Claim(MeshClaims.Username, username));
    }

    /// <summary>MudSelect and the other popovers need their provider on the page, as MainLayout has.</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
    }

    protected async Task<Caller> CallerAsync(string username)
    {
        await using var db = await Db.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Username == username);
        var roles = await db.DomainMembers.AsNoTracking().Where(m => m.UserId == user.Id).ToDictionaryAsync(m => m.DomainId, m => m.Role);
        return new Caller(user.Id, user.Username, user.DisplayName, user.GlobalRoles.ToHashSet(), roles);
    }

    protected async Task<List<Quantum>> QuantaInDbAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Quanta.AsNoTracking().Include(q => q.Domain).Include(q => q.Owner).Include(q => q.Ports).ToListAsync();
    }

    private void Seed()
    {
        using var db = Db.CreateDbContext();
        db.Actor = "seed";
        User Person(string username, string name) => new()
        {
            Subject = "local:" + username, Username = username, DisplayName = name, Email = $"{username}@example.test", CreatedAt = DateTimeOffset.UtcNow,
        };
        var owner = Person(Owner, "Sam Okafor");
        var engineer = Person(Engineer, "Eve Marsh");
        var consumer = Person(Consumer, "Carl Jensen");
        var cdo = Person(Cdo, "Chloé Durand");
        cdo.GlobalRoles = [GlobalRole.ChiefDataOfficer];
        db.Users.AddRange(owner, engineer, consumer, cdo);
        var sales = new MeshDomain { Slug = "sales", Name = "Sales", Description = "Orders and customers." };
        db.Domains.Add(sales);
        db.DomainMembers.Add(new DomainMember { DomainId = sales.Id, UserId = owner.Id, Role = DomainRole.DataProductOwner });
        db.DomainMembers.Add(new DomainMember { DomainId = sales.Id, UserId = engineer.Id, Role = DomainRole.DomainEngineer });
        var orders = new Quantum
        {
            DomainId = sales.Id, Slug = "orders", Name = "Orders", Description = "Every **order line**.", Tier = Tier.Silver,
            Status = QuantumStatus.Draft, Tags = ["orders"], OwnerId = owner.Id,
            Ports = [new Port { Direction = PortDirection.Output, Name = "order-lines", Kind = "table" }],
        };
        db.Quanta.Add(orders);
        db.SaveChanges();
        OrdersId = orders.Id;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>xunit 2 only calls Dispose; MudBlazor's services must be disposed asynchronously.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    private sealed class SilentHangfireLog : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
    {
        public static readonly SilentHangfireLog Instance = new();

        public Hangfire.Logging.ILog GetLogger(string name) => this;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }

    private sealed class Factory(DbContextOptions<SqliteMeshDbContext> options) : IDbContextFactory<MeshDbContext>
    {
        public MeshDbContext CreateDbContext() => new SqliteMeshDbContext(options);
    }
}
