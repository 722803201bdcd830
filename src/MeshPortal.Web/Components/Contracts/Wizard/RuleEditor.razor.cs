using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts.Wizard;

public partial class RuleEditor
{
    [Parameter, EditorRequired] public WizardContext Context { get; set; } = default!;
    [Parameter, EditorRequired] public DraftRule Rule { get; set; } = default!;
    [Parameter, EditorRequired] public RuleTarget Target { get; set; } = default!;
    [Parameter, EditorRequired] public string Pointer { get; set; } = "";
    [Parameter] public int Index { get; set; }
    [Parameter] public EventCallback<RuleTarget> Moved { get; set; }
    [Parameter] public EventCallback Remove { get; set; }

    private bool Has(string field) => Context.Has($"{Pointer}/{field}");
    private string? Err(string field) => Context.Err($"{Pointer}/{field}");
    private string Id(string field) => $"wizard-rule-{Index}-{field}";

    private Task OnTargetChanged(RuleTarget? target) => target is null ? Task.CompletedTask : Moved.InvokeAsync(target);
}
