using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Infrastructure;

/// <summary>
/// One real portal (Kestrel on a free loopback port, a fresh data folder, the seeded demo mesh) and one
/// headless Debian Chromium, shared by every test of the collection. Tests open their own browser contexts.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "meshportal-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _storageStates = new();
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private PortalFactory? _factory;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public IReadOnlyDictionary<string, string> Tokens { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataPath);
        _factory = new PortalFactory(_dataPath);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        // The seed writes one API token per persona once the database is migrated, before Kestrel listens.
        var tokensFile = Path.Combine(_dataPath, "demo-tokens.json");
        Tokens = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(tokensFile))
                 ?? throw new InvalidOperationException($"{tokensFile} is empty");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A new, anonymous browser context on the portal.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? storageState = null, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            StorageState = storageState,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
            ColorScheme = colorScheme,
        });
        // Everything here is local and small: a step that takes longer than this is a failure, not slowness.
        context.SetDefaultTimeout(10_000);
        return context;
    }

    /// <summary>
    /// A page in a new context already signed in as <paramref name="username"/>. The first request for a
    /// persona signs in through the UI; later ones reuse its cookie, which keeps the suite fast.
    /// </summary>
    public async Task<IPage> NewSignedInPageAsync(string username, ColorScheme colorScheme = ColorScheme.Light)
    {
        string? state;
        await _signInLock.WaitAsync();
        try
        {
            if (!_storageStates.TryGetValue(username, out state))
            {
                await using var context = await NewContextAsync();
                var signIn = await context.NewPageAsync();
                await signIn.SignInAsync(username);
                state = await context.StorageStateAsync();
                _storageStates[username] = state;
            }
        }
        finally
        {
            _signInLock.Release();
        }
        var signedIn = await NewContextAsync(state, colorScheme);
        return await signedIn.NewPageAsync();
    }

    /// <summary>An API client carrying the persona's demo bearer token (or none).</summary>
    public HttpClient Api(string? username = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (username is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[username]);
        return client;
    }

    private sealed class PortalFactory(string dataPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Development: static web assets (_framework, _content/MudBlazor) are served from the build output only there.
            builder.UseEnvironment("Development");
            builder.UseSetting("MeshPortal:DataPath", dataPath);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "portal";
}
