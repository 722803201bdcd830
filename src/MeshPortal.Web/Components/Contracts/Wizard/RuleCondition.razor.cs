using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts.Wizard;

public partial class RuleCondition
{
    [Parameter, EditorRequired] public WizardContext Context { get; set; } = default!;
    [Parameter, EditorRequired] public DraftRule Rule { get; set; } = default!;
    [Parameter, EditorRequired] public string Pointer { get; set; } = "";

    private const string MissingHelp = "Comma-separated; null and \"\" (empty text) are allowed, e.g. null, \"\", N/A";

    private string OperatorKey => $"{Pointer}/{Rule.Operator}";
    private string Id(string field) => "wizard" + $"{Pointer}/{field}".Replace('/', '-');

    /// <summary>The usual choices, plus the document's own value when it is another.</summary>
    private IEnumerable<string> Units => WithCurrent(DraftRule.Units, Rule.Unit);
    private IEnumerable<string> Severities => WithCurrent(DraftRule.Severities, Rule.Severity);

    private static IEnumerable<string> WithCurrent(string[] choices, string? current) =>
        current is { Length: > 0 } && !choices.Contains(current) ? choices.Append(current) : choices;
}
