using System.Text.Json.Nodes;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>A member of the team that owns the contract.</summary>
public sealed class DraftMember
{
    public string Username { get; set; } = "";
    public string? Name { get; set; }
    public string? Role { get; set; }
    public JsonObject Source { get; private set; } = new();

    public static DraftMember FromJson(JsonObject node) => new()
    {
        Username = JsonFields.String(node, "username") ?? "",
        Name = JsonFields.String(node, "name"),
        Role = JsonFields.String(node, "role"),
        Source = (JsonObject)node.DeepClone(),
    };

    public JsonObject ToJson() => JsonFields.Merge(Source,
        [("username", JsonValue.Create(Username.Trim())), ("name", JsonFields.Text(Name)), ("role", JsonFields.Text(Role))], "id");
}

/// <summary>An access role consumers request to read the data, with who approves it.</summary>
public sealed class DraftRole
{
    public static readonly string[] AccessChoices = ["read", "write", "admin"];

    public string Role { get; set; } = "";
    public string? Access { get; set; } = "read";
    public string? FirstLevelApprovers { get; set; }
    public string? SecondLevelApprovers { get; set; }
    public string? Description { get; set; }
    public JsonObject Source { get; private set; } = new();

    public static DraftRole FromJson(JsonObject node) => new()
    {
        Role = JsonFields.String(node, "role") ?? "",
        Access = JsonFields.String(node, "access"),
        FirstLevelApprovers = JsonFields.String(node, "firstLevelApprovers"),
        SecondLevelApprovers = JsonFields.String(node, "secondLevelApprovers"),
        Description = JsonFields.String(node, "description"),
        Source = (JsonObject)node.DeepClone(),
    };

    public JsonObject ToJson() => JsonFields.Merge(Source,
    [
        ("role", JsonValue.Create(Role.Trim())),
        ("access", JsonFields.Text(Access)),
        ("firstLevelApprovers", JsonFields.Text(FirstLevelApprovers)),
        ("secondLevelApprovers", JsonFields.Text(SecondLevelApprovers)),
        ("description", JsonFields.Text(Description)),
    ], "id");
}
