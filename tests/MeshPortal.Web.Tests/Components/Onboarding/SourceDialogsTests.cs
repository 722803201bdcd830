using Bunit;
using MeshPortal.Web.Components.Onboarding;
using MeshPortal.Web.Features.Contracts;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeshPortal.Web.Tests.Components.Onboarding;

/// <summary>The add-source dialogs on the real services: what they prefill, what they send, and where a refusal's messages land.</summary>
[Collection(PortalCollection.Name)]
public sealed class SourceDialogsTests(PortalFactory portal) : OnboardingComponentTest(portal)
{
    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync<TDialog>(Guid quantumId) where TDialog : AddSourceDialogBase
    {
        SignInAs(Engineer);
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var quantum = (await Get<QuantumService>().GetAsync(quantumId))!;
        var targets = await SourceTargets.LoadAsync(Get<ContractCatalog>(), quantum);
        var parameters = new DialogParameters { { nameof(AddSourceDialogBase.QuantumId), quantumId }, { nameof(AddSourceDialogBase.Targets), targets } };
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await Services.GetRequiredService<IDialogService>().ShowAsync<TDialog>("Add", parameters));
        provider.WaitForState(() => provider.FindAll("[data-testid=source-save]").Count > 0);
        return (provider, dialog!);
    }

    [Fact]
    public async Task Upload_PrefillsTheBoundPortAndObject_AndAddsTheSource()
    {
        var id = await RegisterQuantumAsync();
        var (provider, dialog) = await OpenAsync<UploadSourceDialog>(id);
        Assert.Equal("1 GB", provider.Find("[data-testid=upload-limit]").TextContent);
        Assert.Equal(Port, provider.Find("#upload-port").GetAttribute("value"));
        Assert.Equal(Object, provider.Find("#upload-object").GetAttribute("value"));

        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv.Replace("\r\n", "\n"), "Orders March.csv"));
        provider.WaitForAssertion(() => Assert.Equal("orders-march", provider.Find("#upload-name").GetAttribute("value")));
        provider.Find("input[data-testid=source-run-now], [data-testid=source-run-now] input").Change(false);
        provider.Find("[data-testid=source-save]").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(15));
        var added = Assert.IsType<SourceAdded>(result!.Data);
        Assert.False(added.RunNow);
        var source = Assert.Single(await Get<SourceService>().ListAsync(id));
        Assert.Equal(("orders-march", "Orders March.csv", Port, Object), (source.Name, source.OriginalFileName, source.OutputPort, source.ObjectName));
    }

    [Fact]
    public async Task Upload_OfAFileTheEngineDoesNotRead_IsRefusedBesideTheFile()
    {
        var id = await RegisterQuantumAsync();
        var (provider, _) = await OpenAsync<UploadSourceDialog>(id);

        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("hello", "notes.txt"));
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=source-save]").HasAttribute("disabled")));
        provider.Find("[data-testid=source-save]").Click();

        provider.WaitForAssertion(() => Assert.Contains("notes.txt", provider.Find("[data-testid=source-file-error]").TextContent));
        Assert.Contains("beside the fields", provider.Find("[data-testid=source-message]").TextContent);
        Assert.Empty(await Get<SourceService>().ListAsync(id));
    }

    [Fact]
    public async Task Connection_HidesTheSecret_TestsIt_AndPutsTheQueryErrorBesideTheQuery()
    {
        var id = await RegisterQuantumAsync();
        var (provider, _) = await OpenAsync<ConnectionSourceDialog>(id);
        var secret = provider.Find("#connection-string");
        Assert.Equal("password", secret.GetAttribute("type"));
        secret.Input("Host=127.0.0.1;Port=1;Database=erp;Username=reader;Password=s3cret;Timeout=2");

        provider.Find("button[aria-label='Show the connection string']").Click();
        Assert.Equal("text", provider.Find("#connection-string").GetAttribute("type"));

        provider.Find("[data-testid=connection-test]").Click();
        provider.WaitForAssertion(() => Assert.Equal("false", provider.Find("[data-testid=connection-test-result] [data-ok]").GetAttribute("data-ok")),
            TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("s3cret", provider.Find("[data-testid=connection-test-result]").TextContent);

        provider.Find("#connection-query").Input("DELETE FROM orders");
        provider.Find("#connection-name").Input("erp");
        provider.Find("[data-testid=source-save]").Click();
        provider.WaitForAssertion(() => Assert.Contains("SELECT", HelperOf(provider, "#connection-query")));
        Assert.Equal("", HelperOf(provider, "#connection-string").Replace(ConnectionHelp, ""));
        Assert.Empty(await Get<SourceService>().ListAsync(id));
    }

    private const string ConnectionHelp = "Stored encrypted; it is never shown again, not even to you.";

    /// <summary>The helper or error text under a MudBlazor field.</summary>
    private static string HelperOf(IRenderedComponent<MudDialogProvider> provider, string input) =>
        provider.Find(input).Closest(".mud-input-control")?.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Composition_WithoutInputPorts_SaysWhatToDoFirst()
    {
        var id = await RegisterQuantumAsync();
        var (provider, _) = await OpenAsync<CompositionSourceDialog>(id);

        Assert.Contains("no input ports reading other quanta", provider.Markup);
        Assert.Empty(provider.FindAll("[data-testid=composition-inputs]"));
    }
}
