using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Features.Shared;

namespace MeshPortal.Web.Features.Contracts;

/// <summary>
/// An uploaded or edited ODCS document, read and checked: YAML/JSON syntax (400 with line and column),
/// the official schema (422 with every error by JSON pointer), a semantic version and an ODCS status.
/// </summary>
public sealed record ContractDocument(JsonObject Json, string Id, SemVer Version, ContractStatus Status, string ApiVersion)
{
    public static OperationResult<ContractDocument> Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return OperationResult<ContractDocument>.Invalid(new Dictionary<string, string[]> { ["document"] = ["The body is empty; send an ODCS document as YAML or JSON."] });
        JsonNode? node;
        try
        {
            node = YamlJson.Parse(text);
        }
        catch (DocumentFormatException e)
        {
            return OperationResult<ContractDocument>.Invalid(new Dictionary<string, string[]> { ["document"] = [e.Message] });
        }
        return FromJson(node);
    }

    public static OperationResult<ContractDocument> FromJson(JsonNode? node)
    {
        var schemaErrors = OdcsSchema.Validate(node);
        if (schemaErrors.Count > 0)
            return OperationResult<ContractDocument>.Unprocessable(
                $"The document does not conform to ODCS v3.1.0 ({schemaErrors.Count} error{(schemaErrors.Count == 1 ? "" : "s")}).",
                schemaErrors.GroupBy(e => e.Pointer.Length == 0 ? "/" : e.Pointer).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        var json = (JsonObject)node!;
        var errors = new Dictionary<string, string[]>();
        var versionText = ContractNormalizer.Text(json, "version");
        if (!SemVer.TryParse(versionText, out var version))
            errors["/version"] = [$"'{versionText}' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)."];
        // ODCS leaves status free text (official examples say "development", "production", "in development"):
        // the portal's lifecycle takes anything it does not name as a draft, and the document keeps the text as written.
        var status = EnumText.TryParse<ContractStatus>(ContractNormalizer.Text(json, "status"), out var known) ? known : ContractStatus.Draft;
        var id = ContractNormalizer.Text(json, "id") ?? "";
        if (id.Length is 0 or > 200) errors["/id"] = ["The contract id must have 1 to 200 characters."];
        if (errors.Count > 0) return OperationResult<ContractDocument>.Unprocessable("The document is not a usable contract version.", errors);
        return OperationResult<ContractDocument>.Ok(new ContractDocument(json, id, version, status, ContractNormalizer.Text(json, "apiVersion") ?? ""));
    }

    /// <summary>The same document with its status field set, as stored once published or deprecated.</summary>
    public static string WithStatus(string json, ContractStatus status)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node["status"] = EnumText.Of(status);
        return node.ToJsonString();
    }
}
