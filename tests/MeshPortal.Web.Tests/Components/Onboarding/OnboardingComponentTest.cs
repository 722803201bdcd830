using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Bunit;
using Bunit.TestDoubles;
using MeshPortal.Domain.Identity;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Data;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace MeshPortal.Web.Tests.Components.Onboarding;

/// <summary>
/// The Data tab's components on the real app: its services come from the shared <see cref="PortalFactory"/> (the app's own
/// wiring, SQLite, DuckDB, Hangfire storage without a server, so runs stay queued until a test moves them), rendered by
/// bUnit as a signed-in persona. Each test registers its own quantum, bound to the seeded sales-orders 1.1.0 contract.
/// </summary>
public abstract class OnboardingComponentTest : BunitContext, IAsyncLifetime
{
    protected const string Owner = "sales-owner";
    protected const string Engineer = "engineer";
    protected const string Consumer = "consumer";

    /// <summary>The output port each test quantum has, serving sales-orders 1.1.0 (first object: sales_order).</summary>
    protected const string Port = "orders";
    protected const string Object = "sales_order";

    protected const string Csv = """
        order_id,customer_id,order_date,order_status,currency,order_total,promised_delivery_date,shipping_country,payment_terms,sales_rep,sales_channel,created_at,updated_at
        SO-20250001,C-001,2025-03-01,confirmed,EUR,101.50,2025-03-11,DE,NET30,sam.okafor,webshop,2025-03-01 09:00:00,2025-03-01 09:30:00
        SO-20250002,C-002,2025-03-02,shipped,GBP,102.50,2025-03-12,GB,NET30,sam.okafor,field-sales,2025-03-02 09:00:00,2025-03-02 09:30:00
        SO-20250003,C-003,not-a-date,confirmed,EUR,103.50,2025-03-13,FR,NET30,sam.okafor,webshop,2025-03-03 09:00:00,2025-03-03 09:30:00
        SO-20250004,C-004,2025-03-04,delivered,EUR,twelve,2025-03-14,NL,NET30,sam.okafor,webshop,2025-03-04 09:00:00,2025-03-04 09:30:00
        """;

    private readonly BunitAuthorizationContext _auth;

    protected OnboardingComponentTest(PortalFactory portal)
    {
        Portal = portal;
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The circuit's caller comes from bUnit's authentication state; everything else from the real app.
        Services.AddScoped(sp => new CurrentCaller(sp.GetRequiredService<AuthenticationStateProvider>(), portal.Services.GetRequiredService<CallerResolver>()));
        Services.AddFallbackServiceProvider(new AppServices(portal.Services));
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", true));
    }

    protected PortalFactory Portal { get; }
    protected T Get<T>() where T : notnull => Portal.Services.GetRequiredService<T>();

    protected void SignInAs(string username)
    {
        _auth.SetAuthorized(username);
        _auth.SetClaims(new Claim(MeshClaims.Subject, "local:" + username), new Claim(MeshClaims.Username, username));
    }

    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    protected async Task<Caller> CallerAsync(string username)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(MeshClaims.Subject, "local:" + username), new Claim(MeshClaims.Username, username)], "test"));
        return await Get<CallerResolver>().ResolveAsync(principal) ?? throw new InvalidOperationException($"No persona {username}.");
    }

    /// <summary>A new quantum of the sales domain whose output port serves sales-orders 1.1.0.</summary>
    protected async Task<Guid> RegisterQuantumAsync()
    {
        var api = Portal.ClientFor(Owner);
        var created = await api.PostAsJsonAsync("/api/v1/quanta", new
        {
            domain = "sales", slug = "ui-" + Guid.NewGuid().ToString("N")[..10], name = "UI onboarding", tier = "silver",
            description = "For the Data tab's component tests.",
            ports = new[] { new { direction = "output", name = Port, kind = "table", description = "Orders." } },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<IdOnly>())!.Id;
        var bound = await api.PutAsJsonAsync($"/api/v1/quanta/{id}/ports/{Port}/contract", new { contractId = "sales-orders", version = "1.1.0" });
        Assert.True(bound.IsSuccessStatusCode, await bound.Content.ReadAsStringAsync());
        return id;
    }

    protected async Task<SourceSummary> AddCsvAsync(Guid quantumId, string name = "orders-csv", string csv = Csv)
    {
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(csv.Replace("\r\n", "\n") + "\n"));
        var result = await Get<SourceService>().AddUploadAsync(await CallerAsync(Owner), quantumId, new NewFileSource(name, Port, Object), name + ".csv", content);
        Assert.True(result.Succeeded, result.Message + string.Join(" ", result.Errors.SelectMany(e => e.Value)));
        return result.Value!;
    }

    protected async Task<RunSummary> StartAsync(Guid quantumId, Guid sourceId)
    {
        var result = await Get<OnboardingService>().StartAsync(await CallerAsync(Owner), quantumId, sourceId);
        Assert.True(result.Succeeded, result.Message);
        return result.Value!;
    }

    /// <summary>Moves a run the way the job would, straight in the database the UI polls.</summary>
    protected async Task UpdateRunAsync(Guid runId, Action<OnboardingRun> change)
    {
        await using var db = await Get<IDbContextFactory<MeshDbContext>>().CreateDbContextAsync();
        var run = await db.OnboardingRuns.SingleAsync(r => r.Id == runId);
        change(run);
        await db.SaveChangesAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    private sealed record IdOnly(Guid Id);

    /// <summary>
    /// The app's own services (the portal's, and its clock) and nothing of the framework: those bUnit provides, and the
    /// app's root provider would refuse its scoped ones.
    /// </summary>
    private sealed class AppServices(IServiceProvider app) : IServiceProvider
    {
        public object? GetService(Type type) =>
            type.Namespace?.StartsWith("MeshPortal.", StringComparison.Ordinal) == true || type == typeof(TimeProvider)
                ? app.GetService(type)
                : null;
    }
}
