using MeshPortal.Web.Features.Contracts;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts;

public partial class ContractVersionsTable
{
    [Parameter, EditorRequired] public ContractDto Contract { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }
    [Parameter] public bool CanOwn { get; set; }
    [Parameter] public bool CanAuthor { get; set; }
    [Parameter] public bool Busy { get; set; }
    [Parameter] public EventCallback<VersionAction> OnAction { get; set; }

    private static bool IsDraft(ContractVersionSummaryDto v) => v.Status is "draft" or "proposed";
}
