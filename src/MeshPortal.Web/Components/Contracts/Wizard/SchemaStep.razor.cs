using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Features.Contracts.Authoring;
using Microsoft.AspNetCore.Components;

namespace MeshPortal.Web.Components.Contracts.Wizard;

public partial class SchemaStep
{
    [Parameter, EditorRequired] public WizardContext Context { get; set; } = default!;

    private ContractDraft Draft => Context.Draft;

    private List<(string Name, int Properties)> InheritedObjects =>
        (Context.Parent?["schema"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(o => (ContractNormalizer.Text(o, "name") ?? "", (o["properties"] as JsonArray)?.Count ?? 0))
            .Where(o => o.Item1.Length > 0).ToList();

    /// <summary>The usual physical types, plus the one the document has if it is another.</summary>
    private static IEnumerable<string> PhysicalTypes(DraftObject o) =>
        o.PhysicalType is { Length: > 0 } current && !DraftObject.PhysicalTypes.Contains(current) ? DraftObject.PhysicalTypes.Append(current) : DraftObject.PhysicalTypes;

    private Task AddObjectAsync()
    {
        var o = new DraftObject();
        o.Properties.Add(new DraftProperty());
        Draft.Objects.Add(o);
        return Context.Changed();
    }

    private Task RemoveObjectAsync(DraftObject o)
    {
        Draft.Objects.Remove(o);
        return Context.Changed();
    }

    private Task AddPropertyAsync(DraftObject o)
    {
        o.Properties.Add(new DraftProperty());
        return Context.Changed();
    }

    private Task RemovePropertyAsync(DraftObject o, DraftProperty p)
    {
        o.Properties.Remove(p);
        return Context.Changed();
    }

    private Task MoveAsync(DraftObject o, DraftProperty p, int offset)
    {
        o.MoveProperty(p, offset);
        return Context.Changed();
    }

    /// <summary>Copies an inherited object here with all its properties, so the child can add to it.</summary>
    private Task RefineAsync(string name)
    {
        var inherited = (Context.Parent?["schema"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(o => ContractNormalizer.Text(o, "name") == name);
        if (inherited is null || Draft.Objects.Any(o => o.Name == name)) return Task.CompletedTask;
        Draft.Objects.Add(DraftObject.FromJson(inherited));
        return Context.Changed();
    }
}
