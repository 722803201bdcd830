using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using MeshPortal.Domain.Identity;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Seed;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeshPortal.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh temp data folder: SQLite migrated and the demo mesh seeded at start. Gives an
/// HttpClient per persona (their demo token), plus the callers the API must refuse: no token, an unknown
/// token, and a revoked and an expired token of the platform admin (so a wrongly accepted one would succeed).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The personas that can sign in, one per role.</summary>
    public static readonly string[] Personas = ["admin", "cdo", "architect", "sales-owner", "logistics-owner", "engineer", "consumer"];

    /// <summary>Callers without a usable token.</summary>
    public static readonly string[] Unauthenticated = ["none", "invalid", "revoked", "expired"];

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();
    private Dictionary<string, string> _tokens = [];

    /// <summary>
    /// A real Kestrel on a free loopback port, not the in-memory TestServer: Kestrel is what enforces request
    /// limits (body size, chunked bodies) in production, so the API is tested behind it.
    /// </summary>
    public PortalFactory() => UseKestrel(0);

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "meshportal-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The Hangfire server slows shutdown down; only the job tests need it.</summary>
    protected virtual bool RunJobServer => false;

    /// <summary>The demo sample data starts onboarding runs in the background; only the tests about it want them.</summary>
    protected virtual bool SeedSampleData => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("MeshPortal:DataPath", DataFolder);
        builder.UseSetting("MeshPortal:Jobs:RunServer", RunJobServer ? "true" : "false");
        builder.UseSetting("MeshPortal:Demo:SampleData", SeedSampleData ? "true" : "false");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public async Task InitializeAsync()
    {
        StartServer(); // migrations and seed run before it accepts requests
        var json = await File.ReadAllTextAsync(Path.Combine(DataFolder, DemoMeshSeeder.TokensFile));
        _tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        _tokens["revoked"] = await IssueTokenAsync("admin", t => t.RevokedAt = now.AddMinutes(-1));
        _tokens["expired"] = await IssueTokenAsync("admin", t => t.ExpiresAt = now.AddMinutes(-1));
        _tokens["invalid"] = AccessTokens.TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    }

    public string TokenOf(string persona) => _tokens[persona];

    /// <summary>A client sending the persona's token; "none" sends no Authorization header.</summary>
    public HttpClient ClientFor(string persona) =>
        _clients.GetOrAdd(persona, p => p == "none" ? CreateClient() : ClientWithToken(_tokens[p]));

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Issues a token through the app's own service, then lets the test age or revoke it in the database.</summary>
    public async Task<string> IssueTokenAsync(string username, Action<PersonalAccessToken>? change = null)
    {
        await using var db = CreateDbContext();
        var userId = await db.Users.Where(u => u.Username == username).Select(u => u.Id).SingleAsync();
        var issued = await Services.GetRequiredService<AccessTokens>().IssueAsync(userId, "test " + Guid.NewGuid().ToString("N")[..8], TimeSpan.FromDays(30));
        if (change is not null)
        {
            var token = await db.AccessTokens.SingleAsync(t => t.Id == issued.Id);
            change(token);
            await db.SaveChangesAsync();
        }
        return issued.Token;
    }

    public MeshDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<MeshDbContext>>().CreateDbContext();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(DataFolder)) Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool is removed with the temp folder later; never fail a run over it.
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>The same app with the in-process Hangfire server running.</summary>
public sealed class JobsPortalFactory : PortalFactory
{
    protected override bool RunJobServer => true;
}

/// <summary>
/// Every test that starts the app runs in this collection: one shared app for the API tests, and no two apps
/// starting at once (Hangfire's storage is a process-wide static while an app configures it).
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFactory>
{
    public const string Name = "Portal";
}
