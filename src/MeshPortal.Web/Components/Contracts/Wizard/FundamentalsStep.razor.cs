using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts.Wizard;

public partial class FundamentalsStep
{
    [Parameter, EditorRequired] public WizardContext Context { get; set; } = default!;

    private string _template = "";
    private string? _templateHelp;

    private ContractDraft Draft => Context.Draft;

    private string IdHelp => Context.IdFixed
        ? "Fixed: every version of a contract shares its id."
        : Context.IdTouched ? "Letters, digits, '.', '_', ':' or '-'." : "Suggested from the name; edit it to choose your own.";

    private static string TemplateText(string? key) => ContractTemplates.Find(key)?.Title ?? "Blank contract";

    private async Task OnNameChangedAsync(string? name)
    {
        Draft.Name = name ?? "";
        if (!Context.IdFixed && !Context.IdTouched) Draft.Id = ContractDraft.SuggestId(Draft.Name);
        await Context.Changed();
    }

    private async Task OnIdChangedAsync(string? id)
    {
        Draft.Id = id?.Trim() ?? "";
        Context.IdTouched = Draft.Id.Length > 0;
        if (!Context.IdTouched) Draft.Id = ContractDraft.SuggestId(Draft.Name);
        await Context.Changed();
    }

    private async Task ApplyTemplateAsync(string? key)
    {
        _template = key ?? "";
        if (ContractTemplates.Find(key) is not { } template) return;
        template.Apply(Draft);
        _templateHelp = $"Applied: {template.Description}";
        await Context.Changed();
    }
}
