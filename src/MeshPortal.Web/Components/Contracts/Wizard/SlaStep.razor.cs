using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts.Wizard;

public partial class SlaStep
{
    [Parameter, EditorRequired] public WizardContext Context { get; set; } = default!;

    private ContractDraft Draft => Context.Draft;

    private static IEnumerable<string> WithCurrent(IEnumerable<string> choices, string? current) =>
        current is { Length: > 0 } && !choices.Contains(current) ? choices.Append(current) : choices;

    private Task OnPropertyChangedAsync(DraftSla sla, string? property)
    {
        sla.Property = property ?? "";
        if (sla.Unit is not null && !sla.UnitChoices.Contains(sla.Unit)) sla.Unit = sla.UnitChoices[0];
        return Context.Changed();
    }

    private Task AddAsync()
    {
        var next = DraftSla.CommonProperties.FirstOrDefault(p => Draft.Sla.All(s => s.Property != p)) ?? "latency";
        var sla = new DraftSla { Property = next };
        sla.Unit = sla.UnitChoices[0];
        Draft.Sla.Add(sla);
        return Context.Changed();
    }

    private Task RemoveAsync(DraftSla sla)
    {
        Draft.Sla.Remove(sla);
        return Context.Changed();
    }
}
