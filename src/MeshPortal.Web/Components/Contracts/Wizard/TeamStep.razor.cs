using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts.Wizard;

public partial class TeamStep
{
    [Parameter, EditorRequired] public WizardContext Context { get; set; } = default!;

    private ContractDraft Draft => Context.Draft;

    private Task AddAsync<T>(List<T> list, T item)
    {
        list.Add(item);
        return Context.Changed();
    }

    private Task RemoveAsync<T>(List<T> list, T item)
    {
        list.Remove(item);
        return Context.Changed();
    }
}
