using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>
/// The contract document the wizard edits: the fields it models as plain properties, laid over the JSON it
/// started from, so that <see cref="ToJson"/> keeps every field the wizard does not show (servers, price,
/// authoritativeDefinitions, nested properties…). JSON pointers follow the list order of the model.
/// </summary>
public sealed class ContractDraft
{
    public const string ApiVersionDefault = "v3.1.0";
    public static readonly string[] EditableStatuses = ["draft", "proposed"];

    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Version { get; set; } = "1.0.0";
    public string Status { get; set; } = "draft";
    public string? OdcsDomain { get; set; }
    public string? DataProduct { get; set; }
    public string? Purpose { get; set; }
    public string? Usage { get; set; }
    public string? Limitations { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>The parent version this contract extends, "id@version" (kept in customProperties as meshportal.extends).</summary>
    public string? Extends { get; set; }
    public List<DraftObject> Objects { get; } = [];
    public List<DraftSla> Sla { get; } = [];
    public string? TeamName { get; set; }
    public List<DraftMember> Members { get; } = [];
    public List<DraftRole> Roles { get; } = [];

    private JsonObject _source = new();
    /// <summary>v3.0 documents list the team as an array; it is written back in the form it was read.</summary>
    private bool _teamAsArray;

    public string TagsText
    {
        get => string.Join(", ", Tags);
        set => Tags = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
    }

    public static ContractDraft FromJson(JsonObject doc)
    {
        var description = doc["description"] as JsonObject;
        var draft = new ContractDraft
        {
            Id = JsonFields.String(doc, "id") ?? "",
            Name = JsonFields.String(doc, "name") ?? "",
            Version = JsonFields.String(doc, "version") ?? "",
            Status = JsonFields.String(doc, "status") ?? "draft",
            OdcsDomain = JsonFields.String(doc, "domain"),
            DataProduct = JsonFields.String(doc, "dataProduct"),
            Purpose = JsonFields.String(description, "purpose"),
            Usage = JsonFields.String(description, "usage"),
            Limitations = JsonFields.String(description, "limitations"),
            Tags = (doc["tags"] as JsonArray ?? []).Select(JsonFields.Display).Where(t => t.Length > 0).ToList(),
            Extends = ContractNormalizer.CustomProperty(doc, ParentReference.CustomProperty),
            _source = (JsonObject)doc.DeepClone(),
        };
        draft.Objects.AddRange((doc["schema"] as JsonArray ?? []).OfType<JsonObject>().Select(DraftObject.FromJson));
        draft.Sla.AddRange((doc["slaProperties"] as JsonArray ?? []).OfType<JsonObject>().Select(DraftSla.FromJson));
        var members = doc["team"] switch
        {
            JsonArray array => array,
            JsonObject team => team["members"] as JsonArray,
            _ => null,
        };
        draft._teamAsArray = doc["team"] is JsonArray;
        draft.TeamName = JsonFields.String(doc["team"] as JsonObject, "name");
        draft.Members.AddRange((members ?? []).OfType<JsonObject>().Select(DraftMember.FromJson));
        draft.Roles.AddRange((doc["roles"] as JsonArray ?? []).OfType<JsonObject>().Select(DraftRole.FromJson));
        return draft;
    }

    public JsonObject ToJson() => JsonFields.Merge(_source,
    [
        ("apiVersion", JsonValue.Create(JsonFields.String(_source, "apiVersion") ?? ApiVersionDefault)),
        ("kind", JsonValue.Create(JsonFields.String(_source, "kind") ?? "DataContract")),
        ("id", JsonValue.Create(Id.Trim())),
        ("name", JsonFields.Text(Name)),
        ("version", JsonValue.Create(Version.Trim())),
        ("status", JsonValue.Create(Status)),
        ("domain", JsonFields.Text(OdcsDomain)),
        ("dataProduct", JsonFields.Text(DataProduct)),
        ("description", Description()),
        ("tags", JsonFields.Array(Tags, t => JsonValue.Create(t))),
        ("schema", JsonFields.Array(Objects, o => o.ToJson())),
        ("slaProperties", JsonFields.Array(Sla, s => s.ToJson())),
        ("team", Team()),
        ("roles", JsonFields.Array(Roles, r => r.ToJson())),
        ("customProperties", CustomProperties.With(_source["customProperties"], ParentReference.CustomProperty, JsonFields.Text(Extends))),
    ]);

    public string ToYaml() => YamlJson.Write(ToJson());

    private JsonObject? Description()
    {
        var merged = JsonFields.Merge(_source["description"] as JsonObject,
            [("purpose", JsonFields.Text(Purpose)), ("usage", JsonFields.Text(Usage)), ("limitations", JsonFields.Text(Limitations))]);
        return merged.Count == 0 ? null : merged;
    }

    private JsonNode? Team()
    {
        if (_teamAsArray) return JsonFields.Array(Members, m => m.ToJson());
        var team = JsonFields.Merge(_source["team"] as JsonObject,
            [("name", JsonFields.Text(TeamName)), ("members", JsonFields.Array(Members, m => m.ToJson()))]);
        return team.Count == 0 ? null : team;
    }

    /// <summary>A copy to start the next version from: the same document, a draft again, numbered <paramref name="version"/>.</summary>
    public ContractDraft AsNewVersion(string version)
    {
        var copy = FromJson(ToJson());
        copy.Version = version;
        copy.Status = "draft";
        return copy;
    }

    /// <summary>A new contract that extends <paramref name="parentId"/>@<paramref name="parentVersion"/>: it inherits everything and declares only what it adds.</summary>
    public static ContractDraft ChildOf(string parentId, string parentVersion) => new() { Extends = $"{parentId}@{parentVersion}" };

    /// <summary>The next minor version after <paramref name="from"/> that is not taken yet.</summary>
    public static string NextFreeMinor(string from, IEnumerable<string> taken)
    {
        if (!SemVer.TryParse(from, out var version)) return "1.0.0";
        var used = taken.ToHashSet();
        do version = version.Next(VersionBump.Minor);
        while (used.Contains(version.ToString()));
        return version.ToString();
    }

    /// <summary>A contract id suggested from its name: lowercase words joined by hyphens.</summary>
    public static string SuggestId(string? name) => MeshPortal.Domain.Slug.Suggest(name);

    public IEnumerable<RuleTarget> RuleTargets() =>
        Objects.SelectMany(o => o.Properties.Select(p => new RuleTarget(o, p)).Prepend(new RuleTarget(o, null)));

    /// <summary>Every quality rule with where it applies, object-level first, in document order.</summary>
    public IEnumerable<(RuleTarget Target, DraftRule Rule)> AllRules() =>
        RuleTargets().SelectMany(t => t.Rules.Select(r => (t, r)));

    public void MoveRule(DraftRule rule, RuleTarget from, RuleTarget to)
    {
        if (from == to || !from.Rules.Remove(rule)) return;
        to.Rules.Add(rule);
    }

    public string PointerOf(DraftObject o) => $"/schema/{Objects.IndexOf(o)}";

    public string PointerOf(DraftObject o, DraftProperty p) => $"{PointerOf(o)}/properties/{o.Properties.IndexOf(p)}";

    public string PointerOf(RuleTarget target, DraftRule rule) =>
        $"{(target.Property is null ? PointerOf(target.Object) : PointerOf(target.Object, target.Property))}/quality/{target.Rules.IndexOf(rule)}";

    public string PointerOf(DraftSla sla) => $"/slaProperties/{Sla.IndexOf(sla)}";

    public string PointerOf(DraftMember member) => _teamAsArray ? $"/team/{Members.IndexOf(member)}" : $"/team/members/{Members.IndexOf(member)}";

    public string PointerOf(DraftRole role) => $"/roles/{Roles.IndexOf(role)}";
}

/// <summary>Where a quality rule applies: a whole object, or one of its properties.</summary>
public sealed record RuleTarget(DraftObject Object, DraftProperty? Property)
{
    public List<DraftRule> Rules => Property?.Quality ?? Object.Quality;

    public string Label => Property is null ? $"{Object.Name} (whole object)" : $"{Object.Name}.{Property.Name}";
}
