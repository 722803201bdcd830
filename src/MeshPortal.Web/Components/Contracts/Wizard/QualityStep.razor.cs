using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts.Wizard;

public partial class QualityStep
{
    [Parameter, EditorRequired] public WizardContext Context { get; set; } = default!;

    private List<(RuleTarget Target, DraftRule Rule)> _rules = [];
    private RuleTarget? _newTarget;

    protected override void OnParametersSet()
    {
        _rules = Context.Draft.AllRules().ToList();
        var targets = Context.Draft.RuleTargets().ToList();
        if (_newTarget is null || !targets.Contains(_newTarget)) _newTarget = targets.FirstOrDefault();
    }

    private Task AddAsync()
    {
        if (_newTarget is null) return Task.CompletedTask;
        _newTarget.Rules.Add(_newTarget.Property is null
            ? new DraftRule { Metric = "rowCount", Operator = "mustBeGreaterThan", Value = "0", Unit = "rows", Dimension = "completeness" }
            : new DraftRule { Metric = "nullValues", Operator = "mustBe", Value = "0", Dimension = "completeness" });
        return ChangedAsync();
    }

    private Task MoveAsync(DraftRule rule, RuleTarget from, RuleTarget to)
    {
        Context.Draft.MoveRule(rule, from, to);
        return ChangedAsync();
    }

    private Task RemoveAsync(DraftRule rule, RuleTarget target)
    {
        target.Rules.Remove(rule);
        return ChangedAsync();
    }

    private async Task ChangedAsync()
    {
        _rules = Context.Draft.AllRules().ToList();
        await Context.Changed();
    }
}
