using Bunit;
using MeshPortal.Web.Components.Contracts;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MeshPortal.Web.Tests.Components.Contracts;

/// <summary>The upload dialog: what it says about a broken file, and what it imports.</summary>
public sealed class UploadContractDialogTests : PortalComponentTest
{
    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        SignInAs(Owner);
        Render<MudPopoverProvider>();
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<UploadContractDialog>("Upload"));
        provider.WaitForState(() => provider.FindAll("[data-testid=upload-import]").Count > 0);
        return provider;
    }

    private static void Upload(IRenderedComponent<MudDialogProvider> provider, string text, string name)
    {
        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, name));
        provider.WaitForAssertion(() => Assert.Contains(name, provider.Find("[data-testid=upload-file-name]").TextContent));
        provider.WaitForAssertion(() => Assert.False(provider.Find("[data-testid=upload-import]").HasAttribute("disabled")));
        provider.Find("[data-testid=upload-import]").Click();
    }

    [Fact]
    public async Task InvalidYaml_IsReportedWithItsLineAndColumn()
    {
        var provider = await OpenAsync();

        Upload(provider, "apiVersion: v3.1.0\nkind: DataContract\nid: [unclosed\n", "broken.yaml");

        provider.WaitForAssertion(() => Assert.Matches("line \\d+, column \\d+", provider.Find("[data-testid=upload-problems]").TextContent));
        Assert.Contains("not a readable YAML or JSON document", provider.Find("[data-testid=upload-message]").TextContent);
    }

    [Fact]
    public async Task SchemaErrors_AreListedByJsonPointer()
    {
        var provider = await OpenAsync();

        Upload(provider, "apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: draft\nschema: [{ properties: [{ name: a, logicalType: money }] }]\n", "invalid.yaml");

        provider.WaitForAssertion(() => Assert.Contains("/schema/0/properties/0/logicalType", provider.Find("[data-testid=upload-problems]").TextContent));
        await using var db = await Db.CreateDbContextAsync();
        Assert.Equal(0, await db.Contracts.CountAsync());
    }

    [Fact]
    public async Task AValidDocument_IsImportedIntoTheChosenDomain()
    {
        var provider = await OpenAsync();

        Upload(provider, "{ apiVersion: v3.1.0, kind: DataContract, id: uploaded, name: Uploaded, version: 1.0.0, status: draft }", "ok.json");

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("[data-testid=upload-import]")));
        await using var db = await Db.CreateDbContextAsync();
        var contract = await db.Contracts.Include(c => c.Domain).SingleAsync();
        Assert.Equal(("uploaded", "sales"), (contract.Id, contract.Domain!.Slug));
    }
}
