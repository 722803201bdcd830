using MudBlazor.Services;

namespace MeshPortal.Web.Components;

public static class UserInterfaceExtensions
{
    public static WebApplicationBuilder AddUserInterface(this WebApplicationBuilder builder)
    {
        // Contract documents are edited in the browser: allow messages large enough for a sizeable YAML text
        // (SignalR's default is 32 KB), while staying far below the 5 MB document limit.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 1024 * 1024);
        builder.Services.AddMudServices();
        return builder;
    }

    public static WebApplication MapUserInterface(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies();
        return app;
    }
}
